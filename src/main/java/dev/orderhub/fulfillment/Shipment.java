package dev.orderhub.fulfillment;

import java.time.Instant;
import java.util.List;

/**
 * A recorded shipment of a fulfillment order. {@code status} is SHIPPED, then DELIVERED once the carrier's tracker
 * says so; {@code trackingStatus} is the carrier's latest tracking status (e.g. in_transit); {@code labelUrl} is set
 * when the hub bought the label itself (a location with {@code labels: hub}).
 */
public record Shipment(
        String id,
        String fulfillmentOrderId,
        String orderId,
        String carrier,
        String service,
        String trackingNumber,
        String labelUrl,
        String status,
        String trackingStatus,
        Instant shippedAt,
        Instant deliveredAt,
        List<ShipmentConfirmation.Line> lines) {

    public static final String SHIPPED = "SHIPPED";
    public static final String DELIVERED = "DELIVERED";

    /** The shipment with the carrier's latest tracking status; delivered when {@code deliveredAt} is given. */
    Shipment tracked(String newTrackingStatus, Instant newDeliveredAt) {
        return new Shipment(
                id,
                fulfillmentOrderId,
                orderId,
                carrier,
                service,
                trackingNumber,
                labelUrl,
                newDeliveredAt != null ? DELIVERED : status,
                newTrackingStatus,
                shippedAt,
                newDeliveredAt != null ? newDeliveredAt : deliveredAt,
                lines);
    }

    boolean delivered() {
        return DELIVERED.equals(status);
    }
}
