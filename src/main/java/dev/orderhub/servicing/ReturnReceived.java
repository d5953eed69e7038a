package dev.orderhub.servicing;

import dev.orderhub.order.Order;

/**
 * Told of each receipt of a return order as it is recorded, inside its transaction and under the order's row lock
 * (the order as the receipt leaves it): where a receipt makes its credit memo. Told again once the receipt has
 * committed, with no transaction or row lock held, so that it may call an outside system (the refund).
 */
public interface ReturnReceived {
    void received(Order order, ReturnOrder returnOrder, ReturnOrder.Receipt receipt);

    /**
     * After the receipt committed, the return order as it stands; answers whether what its receipts gave back is
     * settled, so that a RECEIVED return order may close.
     */
    default boolean committed(ReturnOrder returnOrder) {
        return true;
    }
}
