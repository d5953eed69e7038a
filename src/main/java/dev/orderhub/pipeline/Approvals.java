package dev.orderhub.pipeline;

import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.order.Order;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import org.springframework.stereotype.Service;

/** An operator's decision on an order waiting for approval (or held): approve it, or reject it with a reason. */
@Service
public class Approvals {
    private final Orders orders;
    private final Pipeline pipeline;
    private final ProcessExceptions exceptions;

    Approvals(Orders orders, Pipeline pipeline, ProcessExceptions exceptions) {
        this.orders = orders;
        this.pipeline = pipeline;
        this.exceptions = exceptions;
    }

    public Order approve(String orderId) {
        Order approved = orders.change(
                orderId,
                "APPROVED",
                o -> Change.of(o.withState(Lifecycle.approve(o.state())), "approved by an operator"));
        pipeline.drive(orderId);
        return approved;
    }

    public Order reject(String orderId, String reason) {
        orders.change(
                orderId,
                "REJECTED",
                o -> Change.of(
                        o.withState(Lifecycle.reject(o.state())),
                        "rejected by an operator" + (reason == null || reason.isBlank() ? "" : ": " + reason)));
        exceptions.voidAllFor(orderId, "order rejected by an operator");
        return orders.get(orderId);
    }
}
