package dev.orderhub.order;

import java.math.BigDecimal;

/** A price adjustment on a line (a discount is negative). */
public record Adjustment(String type, BigDecimal amount, String reason) {}
