package dev.orderhub.fulfillment;

import dev.orderhub.order.Address;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Outbox;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports fulfillment orders and the cancellation of their lines to the ERP in the contract's message form: the
 * message goes to the outbox in the transaction that made the fulfillment order or canceled its lines, and leaves
 * through the active ERP connector once that transaction committed (routes/outbound/erp.yaml).
 */
@Component
class FulfillmentExport {
    /** The type of a fulfillment order's message (header Orderhub-Message-Type over http, column type in CSV). */
    static final String FULFILLMENT_ORDER = "fulfillment-order";
    /** The type of a cancellation's message. */
    static final String CANCELLATION = "fulfillment-order.cancel";

    private final Outbox outbox;
    private final JsonMapper json;

    FulfillmentExport(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * The ERP message of a fulfillment order; action CANCEL for a cancellation of lines. A reship's says
     * {@code reship: true} with its number and reason (absent otherwise): units sent again at no charge.
     */
    public record Message(
            String fulfillmentOrderId,
            String orderId,
            String externalOrderId,
            String location,
            String deliveryGroupId,
            Address shipTo,
            List<MessageLine> lines,
            String action,
            Boolean reship,
            String reshipNumber,
            String reshipReason) {}

    /** A line in an ERP message. */
    public record MessageLine(String lineId, String sku, int quantity) {}

    static Message message(FulfillmentOrder fo, String action) {
        return new Message(
                fo.id(),
                fo.orderId(),
                fo.externalOrderId(),
                fo.location(),
                fo.deliveryGroupId(),
                fo.shipTo(),
                fo.lines().stream()
                        .map(l -> new MessageLine(l.lineId(), l.sku(), l.quantity()))
                        .toList(),
                action,
                fo.reship() == null ? null : Boolean.TRUE,
                fo.reship() == null ? null : fo.reship().number(),
                fo.reship() == null ? null : fo.reship().reason());
    }

    static String typeOf(Message message) {
        return "CANCEL".equals(message.action()) ? CANCELLATION : FULFILLMENT_ORDER;
    }

    /** The type of an ERP message in its JSON form: fulfillment-order or fulfillment-order.cancel. */
    public String type(String message) {
        return typeOf(json.readValue(message, Message.class));
    }

    /** Appends a new fulfillment order's message; in the transaction that stores it. */
    void export(FulfillmentOrder fo) {
        send(fo, message(fo, null), FULFILLMENT_ORDER);
    }

    /** Appends the cancellation of some lines of a fulfillment order; in the transaction that cancels them. */
    void cancel(FulfillmentOrder fo, List<MessageLine> lines) {
        send(
                fo,
                new Message(
                        fo.id(),
                        fo.orderId(),
                        fo.externalOrderId(),
                        fo.location(),
                        fo.deliveryGroupId(),
                        fo.shipTo(),
                        lines,
                        "CANCEL",
                        null,
                        null,
                        null),
                CANCELLATION);
    }

    private void send(FulfillmentOrder fo, Message message, String type) {
        outbox.append(
                Outbox.Destination.ERP_FULFILLMENT_ORDERS,
                type,
                fo.id(),
                json.writeValueAsString(message),
                Map.of(Headers.FULFILLMENT_ORDER_ID, fo.id(), Headers.ORDER_ID, fo.orderId()));
    }

    /** Data of orderhub.fulfillment-order.status-changed. */
    public record StatusChanged(String fulfillmentOrderId, String from, String to) {}
}
