package dev.orderhub.event;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents types orderhub publishes (public contract: README, Messaging contract, and schema/events). */
public enum EventType {
    ORDER_CREATED("orderhub.order.created"),
    ORDER_STATUS_CHANGED("orderhub.order.status-changed"),
    FULFILLMENT_ORDER_CREATED("orderhub.fulfillment-order.created"),
    FULFILLMENT_ORDER_STATUS_CHANGED("orderhub.fulfillment-order.status-changed"),
    SHIPMENT_CREATED("orderhub.shipment.created"),
    SHIPMENT_DELIVERED("orderhub.shipment.delivered"),
    INVOICE_CREATED("orderhub.invoice.created"),
    PAYMENT_CAPTURED("orderhub.payment.captured"),
    RETURN_ORDER_STATUS_CHANGED("orderhub.return-order.status-changed"),
    PAYMENT_RECEIVED("orderhub.payment.received"),
    CREDIT_MEMO_CREATED("orderhub.credit-memo.created"),
    PAYMENT_REFUNDED("orderhub.payment.refunded"),
    ORDER_ADJUSTED("orderhub.order.adjusted"),
    PROCESS_EXCEPTION_CREATED("orderhub.process-exception.created"),
    PROCESS_EXCEPTION_RESOLVED("orderhub.process-exception.resolved");

    private final String type;

    EventType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    /** The event type a CloudEvent's {@code type} names, if the hub publishes it. */
    public static Optional<EventType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
