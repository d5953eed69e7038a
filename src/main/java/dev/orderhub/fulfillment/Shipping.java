package dev.orderhub.fulfillment;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The ship step: records a shipment confirmation (full or partial; the same shipment id again for the same
 * fulfillment order counts once),
 * moves shipped quantity to fulfilled, takes the stock off the shelf and updates the fulfillment order; once the
 * shipment is committed the carrier connector is asked for its tracker ({@link Trackers}).
 */
@Service
public class Shipping {
    private final Orders orders;
    private final FulfillmentOrders fulfillmentOrders;
    private final Shipments shipments;
    private final Inventory inventory;
    private final Events events;
    private final Trackers trackers;

    Shipping(
            Orders orders,
            FulfillmentOrders fulfillmentOrders,
            Shipments shipments,
            Inventory inventory,
            Events events,
            Trackers trackers) {
        this.trackers = trackers;
        this.orders = orders;
        this.fulfillmentOrders = fulfillmentOrders;
        this.shipments = shipments;
        this.inventory = inventory;
        this.events = events;
    }

    /** Whether the carrier that gives a shipment its tracker answers in the hub's own process (a sandbox). */
    public boolean carrierInProcess() {
        return trackers.inProcess();
    }

    /** A confirmation message from the ERP queue; returns the order id to invoice, or null for a repeat. */
    public String confirmMessage(ShipmentConfirmation confirmation) {
        String orderId = orderOf(confirmation);
        return recorded(confirmation.fulfillmentOrderId(), orderId, confirmation) != null ? orderId : null;
    }

    /** Applies a confirmation; returns the shipment id, or null when this shipment was already recorded. */
    public String confirm(ShipmentConfirmation confirmation) {
        return recorded(confirmation.fulfillmentOrderId(), orderOf(confirmation), confirmation) != null
                ? confirmation.shipmentId()
                : null;
    }

    /** The order of the confirmed fulfillment order, which must be known. */
    private String orderOf(ShipmentConfirmation confirmation) {
        if (confirmation.shipmentId() == null
                || confirmation.shipmentId().isBlank()
                || confirmation.lines().isEmpty()) {
            throw new PermanentFailure("a shipment confirmation needs a shipmentId and lines");
        }
        return fulfillmentOrders
                .orderOf(confirmation.fulfillmentOrderId())
                .orElseThrow(
                        () -> new PermanentFailure("unknown fulfillment order " + confirmation.fulfillmentOrderId()));
    }

    /**
     * Records a confirmed shipment and, once it is committed, asks the carrier for its tracker; null when it was
     * recorded before.
     */
    private Shipment recorded(String fulfillmentOrderId, String orderId, ShipmentConfirmation confirmation) {
        if (shipments.exists(fulfillmentOrderId, confirmation.shipmentId())) {
            return null;
        }
        Shipment shipment;
        try {
            shipment = record(fulfillmentOrderId, orderId, confirmation, null);
        } catch (DuplicateKeyException sameShipmentRaced) {
            return null;
        }
        trackers.track(shipment);
        return shipment;
    }

    /**
     * Records the shipment of a label the hub bought, in the caller's transaction (the one that records the label's
     * purchase); its tracker is asked for after that commits.
     */
    Shipment recordLabel(FulfillmentOrder known, ShipmentConfirmation confirmation, String labelUrl) {
        return record(known.id(), known.orderId(), confirmation, labelUrl);
    }

    private Shipment record(
            String fulfillmentOrderId, String orderId, ShipmentConfirmation confirmation, String labelUrl) {
        Shipment[] recorded = new Shipment[1];
        orders.change(orderId, "SHIPPED", order -> {
            FulfillmentOrder fo = fulfillmentOrders.lock(fulfillmentOrderId).orElseThrow();
            Map<String, FulfillmentOrder.Line> byLine =
                    fo.lines().stream().collect(Collectors.toMap(FulfillmentOrder.Line::lineId, Function.identity()));
            OrderState state = order.state();
            List<FulfillmentOrder.Line> lines = new ArrayList<>(fo.lines());
            for (ShipmentConfirmation.Line shipped : confirmation.lines()) {
                FulfillmentOrder.Line line = byLine.get(shipped.lineId());
                if (line == null || shipped.quantity() <= 0 || shipped.quantity() > line.open()) {
                    throw new PermanentFailure("shipment " + confirmation.shipmentId() + ": line " + shipped.lineId()
                            + " x" + shipped.quantity() + " does not match what " + fo.id() + " has open");
                }
                if (fo.reship() == null) { // a reship's units were fulfilled, and counted reshipped, before
                    state = Lifecycle.fulfil(state, shipped.lineId(), shipped.quantity());
                }
                inventory.shipAtCommit(fo.location(), line.sku(), shipped.quantity());
                FulfillmentOrder.Line updated = new FulfillmentOrder.Line(
                        line.lineId(),
                        line.sku(),
                        line.quantity(),
                        line.shipped() + shipped.quantity(),
                        line.canceled());
                lines.set(lines.indexOf(line), updated);
                byLine.put(line.lineId(), updated);
            }
            List<String> shipmentIds = new ArrayList<>(fo.shipmentIds());
            shipmentIds.add(confirmation.shipmentId());
            FulfillmentOrder after = fo.with(fo.status(), lines, shipmentIds);
            after = after.with(after.statusFromLines(), lines, shipmentIds);
            fulfillmentOrders.update(after);
            Shipment shipment = new Shipment(
                    confirmation.shipmentId(),
                    fo.id(),
                    order.id(),
                    confirmation.carrier(),
                    confirmation.service(),
                    confirmation.trackingNumber(),
                    labelUrl,
                    Shipment.SHIPPED,
                    null,
                    confirmation.shippedAt() != null ? confirmation.shippedAt() : Instant.now(),
                    null,
                    confirmation.lines());
            shipments.insert(shipment);
            trackers.intend(shipment);
            recorded[0] = shipment;
            List<CloudEvent> published = new ArrayList<>();
            published.add(events.event(EventType.SHIPMENT_CREATED, order.id(), shipment));
            if (after.status() != fo.status()) {
                published.add(events.event(
                        EventType.FULFILLMENT_ORDER_STATUS_CHANGED,
                        order.id(),
                        new FulfillmentExport.StatusChanged(
                                fo.id(), fo.status().name(), after.status().name())));
            }
            return new Change(
                    order.withState(state),
                    "shipment " + shipment.id() + " of " + fo.id()
                            + (fo.reship() != null ? " (reship " + fo.reship().number() + ", not invoiced)" : "")
                            + " by " + shipment.carrier() + " " + shipment.trackingNumber(),
                    published);
        });
        return recorded[0];
    }
}
