package dev.orderhub.intake;

import dev.orderhub.order.Order;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.store.Intake;
import dev.orderhub.store.Orders;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Takes canonical orders in from every channel the same way: validate, store once per (channel,
 * externalOrderId), then hand new orders to the pipeline.
 */
@Service
public class OrderIntake {
    private final OrderValidator validator;
    private final Orders orders;
    private final List<IntakeListener> listeners;

    OrderIntake(OrderValidator validator, Orders orders, List<IntakeListener> listeners) {
        this.validator = validator;
        this.orders = orders;
        this.listeners = listeners;
    }

    /** Validates a canonical JSON order and stores it; throws OrderValidationException listing every problem. */
    public Intake submit(byte[] canonicalJson, Source source) {
        return submit(validator.parse(canonicalJson), source);
    }

    public Intake submit(Order order, Source source) {
        Intake intake = orders.create(order, source);
        if (intake.created()) {
            listeners.forEach(l -> l.received(intake.id()));
        }
        return intake;
    }
}
