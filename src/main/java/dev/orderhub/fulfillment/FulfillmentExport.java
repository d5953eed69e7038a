package dev.orderhub.fulfillment;

import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.order.Address;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports fulfillment orders to the ERP (after their transaction committed) in the contract's message form, then
 * marks them ALLOCATED; a crash in between leaves a DRAFT that the sweeper exports again.
 */
@Component
public class FulfillmentExport {
    /** The route that owns the ERP queue. */
    public static final String ROUTE = "direct:erp-fulfillment-orders";

    private final ProducerTemplate producer;
    private final FulfillmentOrders fulfillmentOrders;
    private final JsonMapper json;
    private final Events events;
    private final dev.orderhub.store.Outbox outbox;
    private final TransactionTemplate transaction;

    FulfillmentExport(ProducerTemplate producer, FulfillmentOrders fulfillmentOrders, JsonMapper json, Events events,
            dev.orderhub.store.Outbox outbox, TransactionTemplate transaction) {
        this.producer = producer;
        this.fulfillmentOrders = fulfillmentOrders;
        this.json = json;
        this.events = events;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** The ERP message of a fulfillment order; action CANCEL for a cancellation of lines. */
    public record Message(String fulfillmentOrderId, String orderId, String externalOrderId, String location,
            String deliveryGroupId, Address shipTo, List<MessageLine> lines, String action) {
    }

    /** A line in an ERP message. */
    public record MessageLine(String lineId, String sku, int quantity) {
    }

    static Message message(FulfillmentOrder fo, String action) {
        return new Message(fo.id(), fo.orderId(), fo.externalOrderId(), fo.location(), fo.deliveryGroupId(),
                fo.shipTo(), fo.lines().stream().map(l -> new MessageLine(l.lineId(), l.sku(), l.quantity())).toList(),
                action);
    }

    void export(FulfillmentOrder fo) {
        producer.sendBodyAndHeader(ROUTE, json.writeValueAsString(message(fo, null)), "orderhubFulfillmentOrderId",
                fo.id());
        transaction.executeWithoutResult(tx -> fulfillmentOrders.lock(fo.id())
                .filter(current -> current.status() == FulfillmentOrder.Status.DRAFT)
                .ifPresent(current -> {
                    fulfillmentOrders.update(current.with(FulfillmentOrder.Status.ALLOCATED, current.lines(),
                            current.shipmentIds()));
                    outbox.append(List.of(events.event(EventType.FULFILLMENT_ORDER_STATUS_CHANGED, fo.orderId(),
                            new StatusChanged(fo.id(), "DRAFT", "ALLOCATED"))));
                }));
    }

    /** Exports drafts left behind by a crash between commit and export; returns how many. */
    public int exportDrafts(java.time.Instant before) {
        List<String> drafts = fulfillmentOrders.draftsBefore(before, 500);
        drafts.forEach(id -> fulfillmentOrders.find(id).ifPresent(this::export));
        return drafts.size();
    }

    /** Sends the cancellation of some lines of a fulfillment order. */
    void cancel(FulfillmentOrder fo, List<MessageLine> lines) {
        Message cancel = new Message(fo.id(), fo.orderId(), fo.externalOrderId(), fo.location(), fo.deliveryGroupId(),
                fo.shipTo(), lines, "CANCEL");
        producer.sendBodyAndHeader(ROUTE, json.writeValueAsString(cancel), "orderhubFulfillmentOrderId", fo.id());
    }

    /** Data of orderhub.fulfillment-order.status-changed. */
    public record StatusChanged(String fulfillmentOrderId, String from, String to) {
    }
}
