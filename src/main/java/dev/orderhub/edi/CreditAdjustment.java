package dev.orderhub.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an 812 Credit/Debit Adjustment says about one credit memo of a partner's PO: the shape of an
 * {@code orderhub.credit-memo.created} event's data as far as the partner needs it. Amounts are positive sums credited.
 *
 * @param number        the credit memo's number (BCD02)
 * @param date          the credit memo's date (BCD01)
 * @param total         what the memo credits in all, tax included (BCD04, implied cents)
 * @param currency      the currency (CUR02), or null
 * @param invoiceNumber the invoice it adjusts (BCD07), or null
 * @param invoiceDate   that invoice's date (BCD06), or null
 * @param poNumber      the partner's PO number (BCD10)
 * @param poDate        the PO's date (BCD09), or null
 * @param lines         the credited lines
 */
record CreditAdjustment(
        String number,
        LocalDate date,
        BigDecimal total,
        String currency,
        String invoiceNumber,
        LocalDate invoiceDate,
        String poNumber,
        LocalDate poDate,
        List<Line> lines) {

    public CreditAdjustment {
        lines = List.copyOf(lines);
    }

    /**
     * One credited line: a CDD loop.
     *
     * @param lineNumber the partner's PO1 line number (CDD03, LIN01)
     * @param sku        the canonical sku; written as SK when {@code productIds} is empty
     * @param productIds the line's product ids by qualifier (LIN02...; sku's pair first)
     * @param reasonCode the adjustment reason code agreed with the partner (CDD01), e.g. for returned goods
     * @param quantity   units credited (CDD07)
     * @param unitPrice  the unit price credited (CDD11), or null
     * @param amount     what the line credits, tax included (CDD04, implied cents)
     */
    public record Line(
            String lineNumber,
            String sku,
            Map<String, String> productIds,
            String reasonCode,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal amount) {
        public Line {
            productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        }
    }
}
