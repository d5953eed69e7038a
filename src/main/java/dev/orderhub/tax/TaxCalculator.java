package dev.orderhub.tax;

import dev.orderhub.order.Order;

/**
 * Computes the tax lines an order lacks. Tax lines the channel supplied are kept as given; the returned order
 * carries the new tax lines and totals recomputed from them.
 */
public interface TaxCalculator {

    Order applyTax(Order order);
}
