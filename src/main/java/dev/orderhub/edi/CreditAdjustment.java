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

    /**
     * CDD01 for units that came back on a return order (and the delivery charge refunded with them): 72, Authorized
     * Return.
     */
    static final String AUTHORIZED_RETURN = "72";

    /**
     * CDD01 for an appeasement, money given back on what the buyer keeps: 01, Pricing Error, as partners book a price
     * concession after invoicing.
     */
    static final String PRICING = "01";

    public CreditAdjustment {
        lines = List.copyOf(lines);
    }

    /**
     * One credited line or charge: a CDD loop.
     *
     * @param lineNumber  the partner's PO1 line number (CDD03, LIN01), or null for a charge
     * @param sku         the canonical sku, written as SK when {@code productIds} is empty; null for a charge (no LIN)
     * @param productIds  the line's product ids by qualifier (LIN02...; sku's pair first)
     * @param reasonCode  the adjustment reason code (CDD01), {@link #AUTHORIZED_RETURN} or {@link #PRICING}
     * @param quantity    units credited (CDD07), or 0 for an amount not counted in units (no CDD07/08)
     * @param unitPrice   the unit price credited (CDD11), or null
     * @param amount      what the line credits, tax included (CDD04, implied cents)
     * @param description what a line without an item is (PID*F), or null
     */
    public record Line(
            String lineNumber,
            String sku,
            Map<String, String> productIds,
            String reasonCode,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal amount,
            String description) {
        public Line {
            productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        }
    }
}
