package dev.orderhub.fulfillment;

import java.time.Instant;
import java.util.List;

/** A shipment confirmation from the ERP or the REST API (the message form in README, Messaging contract). */
public record ShipmentConfirmation(
        String fulfillmentOrderId,
        String shipmentId,
        String carrier,
        String service,
        String trackingNumber,
        Instant shippedAt,
        List<Line> lines) {
    public ShipmentConfirmation {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A shipped line and quantity. */
    public record Line(String lineId, int quantity) {}
}
