package dev.orderhub.edi;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The content of the 812 orderhub writes for a credit memo (between ST and SE). */
final class CreditAdjustments {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** BCD03: the memo tells the partner of the credit; it asks for no payment. */
    private static final String REMITTANCE_INFORMATION_ONLY = "I";

    private static final String CREDIT = "C";

    private CreditAdjustments() {}

    /**
     * BCD (date, number, I, total in cents, C, invoice date and number, PO date and number); CUR; per line CDD (reason,
     * C, line number, amount in cents, quantity, EA, unit price) and LIN (line number, the item's id pairs); a charge's
     * CDD has no quantity and no LIN, and PID*F says what it is.
     */
    static void write812(X12Output out, CreditAdjustment memo) {
        out.segment(
                "BCD",
                date(memo.date()),
                memo.number(),
                REMITTANCE_INFORMATION_ONLY,
                BusinessDocuments.cents(memo.total()),
                CREDIT,
                date(memo.invoiceDate()),
                memo.invoiceNumber(),
                null,
                date(memo.poDate()),
                memo.poNumber());
        if (memo.currency() != null) {
            out.segment("CUR", "SE", memo.currency());
        }
        for (CreditAdjustment.Line line : memo.lines()) {
            boolean counted = line.quantity() > 0;
            out.segment(
                    "CDD",
                    line.reasonCode(),
                    CREDIT,
                    line.lineNumber(),
                    BusinessDocuments.cents(line.amount()),
                    null,
                    null,
                    counted ? String.valueOf(line.quantity()) : null,
                    counted ? "EA" : null,
                    null,
                    null,
                    line.unitPrice() == null ? null : line.unitPrice().toPlainString());
            List<String> ids = BusinessDocuments.idPairs(line.sku(), line.productIds(), 15);
            if (!ids.isEmpty()) {
                List<Object> lin = new ArrayList<>();
                lin.add(line.lineNumber());
                lin.addAll(ids);
                out.segment("LIN", lin.toArray());
            }
            if (line.description() != null && !line.description().isBlank()) {
                out.segment("PID", "F", null, null, null, out.clean(line.description(), 80));
            }
        }
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.format(DATE);
    }
}
