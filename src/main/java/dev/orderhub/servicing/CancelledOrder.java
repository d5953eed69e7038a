package dev.orderhub.servicing;

import dev.orderhub.order.Order;

/**
 * Told after a whole-order cancel has committed, with no transaction or row lock held, so that it may call an outside
 * system (payment voids the card's authorisation).
 */
public interface CancelledOrder {
    void cancelled(Order order);
}
