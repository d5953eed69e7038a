package dev.orderhub.order;

import java.math.BigDecimal;

/** Order totals at the currency's scale; grandTotal = products + adjustments + charges (+ tax in NET mode). */
public record Totals(
        BigDecimal products, BigDecimal adjustments, BigDecimal charges, BigDecimal tax, BigDecimal grandTotal) {}
