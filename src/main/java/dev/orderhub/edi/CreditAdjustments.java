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
     * C, line number, amount in cents, quantity, EA, unit price) and LIN (line number, the item's id pairs).
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
            out.segment(
                    "CDD",
                    line.reasonCode(),
                    CREDIT,
                    line.lineNumber(),
                    BusinessDocuments.cents(line.amount()),
                    null,
                    null,
                    String.valueOf(line.quantity()),
                    "EA",
                    null,
                    null,
                    line.unitPrice() == null ? null : line.unitPrice().toPlainString());
            List<Object> lin = new ArrayList<>();
            lin.add(line.lineNumber());
            lin.addAll(BusinessDocuments.idPairs(line.sku(), line.productIds(), 15));
            out.segment("LIN", lin.toArray());
        }
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.format(DATE);
    }
}
