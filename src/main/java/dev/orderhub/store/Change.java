package dev.orderhub.store;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.order.Order;
import java.util.List;

/** What a step did to an order: the new order, a line for its history, and any events besides status changes. */
public record Change(Order order, String detail, List<CloudEvent> events) {
    public static Change of(Order order, String detail) {
        return new Change(order, detail, List.of());
    }
}
