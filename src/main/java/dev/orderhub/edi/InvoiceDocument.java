package dev.orderhub.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an 810 Invoice says. Amounts are the invoice's own (the invoice module computed them); the writer only
 * formats them: TDS01 and SAC05 in implied cents, prices as decimals.
 *
 * @param invoiceNumber BIG02
 * @param date          the invoice date (BIG01)
 * @param poNumber      the partner's PO number (BIG04)
 * @param poDate        the PO's date (BIG03), or null
 * @param currency      ISO 4217 (CUR*SE), or null to leave it to the partner agreement
 * @param lines         the invoiced lines (IT1 loops)
 * @param taxTotal      all tax (TXI*TX), or null when none is charged
 * @param charges       order-level charges and allowances (SAC; a negative amount is an allowance)
 * @param total         the amount due (TDS01)
 */
record InvoiceDocument(
        String invoiceNumber,
        LocalDate date,
        String poNumber,
        LocalDate poDate,
        String currency,
        List<Line> lines,
        BigDecimal taxTotal,
        List<Charge> charges,
        BigDecimal total) {

    public InvoiceDocument {
        lines = List.copyOf(lines);
        charges = charges == null ? List.of() : List.copyOf(charges);
    }

    /**
     * One IT1 line.
     *
     * @param lineNumber  the partner's PO1 line number (IT101)
     * @param sku         the canonical sku; written as SK when {@code productIds} is empty
     * @param productIds  the line's product ids by qualifier (IT106...; sku's pair first)
     * @param quantity    units invoiced (IT102)
     * @param unitPrice   IT104
     * @param description PID*F, or null
     */
    public record Line(
            String lineNumber,
            String sku,
            Map<String, String> productIds,
            int quantity,
            BigDecimal unitPrice,
            String description) {
        public Line {
            productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        }
    }

    /**
     * A charge (positive: SAC*C) or allowance (negative: SAC*A).
     *
     * @param type        the canonical charge type: DELIVERY (D240), HANDLING (D500), DISCOUNT (C310), other (ZZZZ)
     * @param amount      signed amount in the invoice currency
     * @param description SAC15, or null (the type is written when null)
     */
    public record Charge(String type, BigDecimal amount, String description) {}
}
