package dev.orderhub.fulfillment;

import dev.orderhub.order.Address;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Order;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one location ships for one delivery group of an order; {@code reship} is set on one that sends shipped units
 * again at no charge (its shipments fulfil nothing more and are not invoiced), null otherwise.
 */
public record FulfillmentOrder(
        String id,
        String orderId,
        String externalOrderId,
        String location,
        String deliveryGroupId,
        Address shipTo,
        Status status,
        List<Line> lines,
        List<String> shipmentIds,
        Instant createdAt,
        ReshipOf reship) {

    /**
     * ALLOCATED (made with its ERP message in the outbox) → ASSIGNED → PICKPACK (partly shipped) → FULFILLED, or
     * CANCELLED. DRAFT is only read from fulfillment orders stored before the outbox carried ERP messages.
     */
    public enum Status {
        DRAFT,
        ALLOCATED,
        ASSIGNED,
        PICKPACK,
        FULFILLED,
        CANCELLED
    }

    /** A line of the fulfillment order: quantity to ship, shipped so far, canceled (deallocated). */
    public record Line(String lineId, String sku, int quantity, int shipped, int canceled) {
        int open() {
            return quantity - shipped - canceled;
        }
    }

    /** The reship a fulfillment order sends: its number and reason. */
    public record ReshipOf(String number, String reason) {}

    public FulfillmentOrder {
        lines = List.copyOf(lines);
        shipmentIds = shipmentIds == null ? List.of() : List.copyOf(shipmentIds);
    }

    /** A new fulfillment order (ALLOCATED) shipping {@code lines} of one delivery group of the order from a location. */
    static FulfillmentOrder allocated(
            Order order, String location, DeliveryGroup group, List<Line> lines, ReshipOf reship) {
        return new FulfillmentOrder(
                "FO-" + UUID.randomUUID().toString().substring(0, 13),
                order.id(),
                order.externalOrderId(),
                location,
                group.id(),
                group.shipTo(),
                Status.ALLOCATED,
                lines,
                List.of(),
                Instant.now(),
                reship);
    }

    FulfillmentOrder with(Status newStatus, List<Line> newLines, List<String> newShipments) {
        return new FulfillmentOrder(
                id,
                orderId,
                externalOrderId,
                location,
                deliveryGroupId,
                shipTo,
                newStatus,
                newLines,
                newShipments,
                createdAt,
                reship);
    }

    /** The status the lines give once something shipped or was canceled. */
    Status statusFromLines() {
        boolean open = lines.stream().anyMatch(l -> l.open() > 0);
        boolean shipped = lines.stream().anyMatch(l -> l.shipped() > 0);
        if (!open) {
            return shipped ? Status.FULFILLED : Status.CANCELLED;
        }
        return shipped ? Status.PICKPACK : status;
    }
}
