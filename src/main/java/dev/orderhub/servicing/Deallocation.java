package dev.orderhub.servicing;

import dev.orderhub.order.Order;

/** Told, inside the cancel's transaction, which allocated quantity a cancel released (fulfilment cancels its lines). */
public interface Deallocation {
    Order released(Order before, Order after);
}
