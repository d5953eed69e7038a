package dev.orderhub.fulfillment;

import java.time.Instant;
import java.util.List;

/** A recorded shipment of a fulfillment order. */
public record Shipment(
        String id,
        String fulfillmentOrderId,
        String orderId,
        String carrier,
        String service,
        String trackingNumber,
        Instant shippedAt,
        Instant deliveredAt,
        List<ShipmentConfirmation.Line> lines) {}
