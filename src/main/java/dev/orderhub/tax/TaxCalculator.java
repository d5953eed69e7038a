package dev.orderhub.tax;

import dev.orderhub.order.Order;

/**
 * Computes the tax lines an order lacks. Tax lines the channel supplied are kept as given; the returned order
 * carries the new tax lines and totals recomputed from them.
 */
public interface TaxCalculator {

    Order applyTax(Order order);

    /** Whether the tax service answers in the hub's own process (a sandbox), so that no call to it leaves the hub. */
    default boolean inProcess() {
        return false;
    }
}
