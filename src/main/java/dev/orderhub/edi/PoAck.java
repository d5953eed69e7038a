package dev.orderhub.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an 855 Purchase Order Acknowledgment says about one PO.
 *
 * @param poNumber the partner's PO number (BEG03, written to BAK03)
 * @param poDate   the PO's date (BEG05, written to BAK04)
 * @param status   the verdict on the whole PO (BAK02)
 * @param lines    one per PO1 line of the order (may be empty for a PO rejected as a whole)
 */
record PoAck(String poNumber, LocalDate poDate, Status status, List<Line> lines) {

    public PoAck {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** BAK02. X12's names: AD "acknowledge - with detail, no change", AC "with detail and change", RJ "rejected". */
    public enum Status {
        /** Every line accepted as ordered. */
        ACCEPTED("AD"),
        /** Accepted, but some lines are rejected or their quantity changed (see each line's ACK). */
        ACCEPTED_WITH_CHANGES("AC"),
        /** The PO as a whole is rejected. */
        REJECTED("RJ");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** ACK01 per line. */
    public enum LineStatus {
        /** IA: item accepted. */
        ACCEPTED("IA"),
        /** IR: item rejected. */
        REJECTED("IR"),
        /** IQ: item accepted, quantity changed. */
        QUANTITY_CHANGED("IQ");

        private final String code;

        LineStatus(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One PO1 line and its ACK.
     *
     * @param lineNumber      the partner's line number (PO101; the canonical lineId)
     * @param orderedQuantity as ordered (PO102)
     * @param ackedQuantity   the quantity the status applies to (ACK02): all of it, none, or the changed quantity
     * @param unitPrice       PO104, or null
     * @param sku             the canonical sku; written as SK when {@code productIds} is empty
     * @param productIds      the line's product ids by qualifier, echoed in PO106... and ACK07/08 (sku's pair first)
     */
    public record Line(
            String lineNumber,
            int orderedQuantity,
            int ackedQuantity,
            LineStatus status,
            BigDecimal unitPrice,
            String sku,
            Map<String, String> productIds) {

        public Line {
            productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        }

        public Line(
                String lineNumber,
                int orderedQuantity,
                int ackedQuantity,
                LineStatus status,
                BigDecimal unitPrice,
                String sku) {
            this(lineNumber, orderedQuantity, ackedQuantity, status, unitPrice, sku, Map.of());
        }
    }
}
