package dev.orderhub.edi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a 180 Return Merchandise Authorization says about one authorised return order of one PO, or about its
 * cancellation once it was authorised.
 *
 * @param rma          the return order's RMA number (BGN02, N9*RZ)
 * @param poNumber     the partner's PO number (PRF01)
 * @param poDate       the PO's date (PRF04), or null
 * @param authorizedAt when it was authorised (BGN03/04, DTM*168 written in UTC); for a cancellation, when it was
 *                     cancelled (BGN03/04 only)
 * @param note         the return order's note (N9*ZZ), or null
 * @param lines        the returned lines
 * @param cancellation whether it cancels the authorisation sent before (BGN01 01 instead of 00)
 */
record ReturnAuthorization(
        String rma,
        String poNumber,
        LocalDate poDate,
        Instant authorizedAt,
        String note,
        List<Line> lines,
        boolean cancellation) {

    public ReturnAuthorization {
        lines = List.copyOf(lines);
    }

    /**
     * One returned line: a BLI loop.
     *
     * @param lineNumber the partner's PO1 line number (N9*LI)
     * @param sku        the canonical sku; written as SK when {@code productIds} is empty
     * @param productIds the line's product ids by qualifier (BLI01/02, then BLI08..13; sku's pair first)
     * @param quantity   units authorised for return (BLI03)
     * @param reason     why they come back (PID*F), or null
     */
    public record Line(String lineNumber, String sku, Map<String, String> productIds, int quantity, String reason) {
        public Line {
            productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        }
    }
}
