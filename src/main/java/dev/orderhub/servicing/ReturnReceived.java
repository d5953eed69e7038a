package dev.orderhub.servicing;

import dev.orderhub.order.Order;

/**
 * Told of each receipt of a return order as it is recorded, inside its transaction and under the order's row lock
 * (the order as the receipt leaves it): where a receipt may make more of it, such as a credit memo.
 */
public interface ReturnReceived {
    void received(Order order, ReturnOrder returnOrder, ReturnOrder.Receipt receipt);
}
