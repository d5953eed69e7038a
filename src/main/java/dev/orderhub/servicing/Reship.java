package dev.orderhub.servicing;

import java.time.Instant;
import java.util.List;

/**
 * Shipped units of an order sent again at no charge ({@code number} RS-00000001): the fulfillment orders made for
 * them, flagged as a reship, go to the ERP like any other, and their shipments are not invoiced.
 */
public record Reship(
        String number,
        String orderId,
        String reason,
        List<Line> lines,
        List<String> fulfillmentOrderIds,
        Instant createdAt) {

    public Reship {
        lines = List.copyOf(lines);
        fulfillmentOrderIds = fulfillmentOrderIds == null ? List.of() : List.copyOf(fulfillmentOrderIds);
    }

    /** Units of one order line sent again, to the line's delivery group. */
    public record Line(String lineId, String sku, String deliveryGroupId, int quantity) {}

    Reship withFulfillmentOrders(List<String> ids) {
        return new Reship(number, orderId, reason, lines, ids, createdAt);
    }
}
