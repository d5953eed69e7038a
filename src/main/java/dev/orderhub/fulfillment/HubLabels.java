package dev.orderhub.fulfillment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The label step, for fulfillment orders of a location with {@code labels: hub} (a warehouse with no WMS): they are
 * not exported to the ERP; the hub buys their label from the carrier connector instead, and the bought label is the
 * shipment confirmation: the fulfillment order's open lines are recorded shipped with the label's carrier, service,
 * tracking code and label URL, then invoiced like any shipment. Two calls by the call protocol, no transaction held
 * during either: the carrier's shipment ({@code <order>:carrier-shipment:<fulfillment order>:0}, no charge), then
 * its label ({@code <order>:label:<fulfillment order>:0}); the shipment is recorded in the transaction that records
 * the label's purchase. A rerun after a crash buys nothing again: it asks for the same carrier shipment's label, which
 * the carrier answers with the label bought before.
 */
@Service("hubLabels")
public class HubLabels {
    private final Locations locations;
    private final FulfillmentOrders fulfillmentOrders;
    private final Orders orders;
    private final CarrierConnector carrier;
    private final ExternalCalls calls;
    private final Shipping shipping;
    private final Shipments shipments;
    private final Trackers trackers;

    HubLabels(
            Locations locations,
            FulfillmentOrders fulfillmentOrders,
            Orders orders,
            CarrierConnector carrier,
            ExternalCalls calls,
            Shipping shipping,
            Shipments shipments,
            Trackers trackers) {
        this.locations = locations;
        this.fulfillmentOrders = fulfillmentOrders;
        this.orders = orders;
        this.carrier = carrier;
        this.calls = calls;
        this.shipping = shipping;
        this.shipments = shipments;
        this.trackers = trackers;
    }

    /** Buys the label of every fulfillment order of the order that waits for one; nothing when none does. */
    public void buyLabels(String orderId) {
        if (!locations.anyHubLabels()) {
            return;
        }
        for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(orderId)) {
            if (waitsForLabel(fo)) {
                buy(fo);
            }
        }
    }

    private boolean waitsForLabel(FulfillmentOrder fo) {
        return locations.hubLabels(fo.location())
                && fo.status() == FulfillmentOrder.Status.ALLOCATED
                && fo.shipmentIds().isEmpty()
                && fo.lines().stream().anyMatch(l -> l.open() > 0);
    }

    private void buy(FulfillmentOrder fo) {
        Location from = locations.find(fo.location()).orElseThrow();
        if (from.address() == null) {
            throw new PermanentFailure("location " + from.id() + " has labels: hub but no address to ship from");
        }
        String service = orders.get(fo.orderId()).deliveryGroups().stream()
                .filter(g -> g.id().equals(fo.deliveryGroupId()))
                .map(DeliveryGroup::method)
                .findFirst()
                .orElse(null);
        String carrierShipment = calls.call(
                ExternalCalls.Call.of(fo.orderId(), "CARRIER-SHIPMENT", fo.id(), BigDecimal.ZERO),
                carrier.policy(),
                key -> carrier.shipment(key, fo, from.address(), service)
                        .path("reference")
                        .asString(),
                nothingMore());
        AtomicReference<JsonNode> label = new AtomicReference<>();
        String reference = calls.call(
                ExternalCalls.Call.of(fo.orderId(), "LABEL", fo.id(), BigDecimal.ZERO),
                carrier.policy(),
                key -> {
                    JsonNode answer = carrier.label(key, fo, carrierShipment, service);
                    label.set(answer);
                    return answer.path("reference").asString();
                },
                new ExternalCalls.Attempts() {
                    @Override
                    public void answered(ExternalCalls.Call call, String ref) {
                        record(fo, label.get());
                    }

                    @Override
                    public void failed(ExternalCalls.Call call, RuntimeException failure) {}
                });
        shipments.find(fo.id(), reference).ifPresent(trackers::track);
    }

    /** The label's shipment: everything the fulfillment order has open, shipped now. */
    private void record(FulfillmentOrder allocated, JsonNode label) {
        FulfillmentOrder fo = fulfillmentOrders.find(allocated.id()).orElseThrow();
        List<ShipmentConfirmation.Line> lines = fo.lines().stream()
                .filter(l -> l.open() > 0)
                .map(l -> new ShipmentConfirmation.Line(l.lineId(), l.open()))
                .toList();
        shipping.recordLabel(
                fo,
                new ShipmentConfirmation(
                        fo.id(),
                        label.path("reference").asString(),
                        label.path("carrier").asString(null),
                        label.path("service").asString(null),
                        label.path("trackingCode").asString(null),
                        Instant.now(),
                        lines),
                label.path("labelUrl").asString(null));
    }

    private static ExternalCalls.Attempts nothingMore() {
        return new ExternalCalls.Attempts() {
            @Override
            public void answered(ExternalCalls.Call call, String reference) {}

            @Override
            public void failed(ExternalCalls.Call call, RuntimeException failure) {}
        };
    }
}
