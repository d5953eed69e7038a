package dev.orderhub.edi;

import dev.orderhub.order.Address;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an 856 Ship Notice says about one shipment of one PO.
 *
 * @param shipmentId     the hub's shipment id (BSN02)
 * @param poNumber       the partner's PO number (PRF01)
 * @param poDate         the PO's date (PRF04), or null
 * @param carrier        the carrier's SCAC (TD503), or null
 * @param service        the service level / routing, e.g. {@code UPS Ground} (TD505), or null
 * @param trackingNumber the carrier's tracking number (REF*CN), or null
 * @param shippedAt      when it shipped (DTM*011, written in UTC)
 * @param shipTo         where it goes (N1*ST/N3/N4 at shipment level), or null
 * @param lines          the shipped lines
 */
record ShipNotice(
        String shipmentId,
        String poNumber,
        LocalDate poDate,
        String carrier,
        String service,
        String trackingNumber,
        Instant shippedAt,
        Address shipTo,
        List<Line> lines) {

    public ShipNotice {
        lines = List.copyOf(lines);
    }

    /**
     * One shipped line: an item HL with LIN and SN1.
     *
     * @param lineNumber the partner's PO1 line number (LIN01)
     * @param sku        the canonical sku; written as SK when {@code productIds} is empty
     * @param productIds the line's product ids by qualifier (LIN02...; sku's pair first)
     * @param quantity   units shipped (SN102)
     */
    public record Line(String lineNumber, String sku, Map<String, String> productIds, int quantity) {
        public Line {
            productIds = productIds == null ? Map.of() : Map.copyOf(productIds);
        }
    }
}
