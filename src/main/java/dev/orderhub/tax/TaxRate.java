package dev.orderhub.tax;

import java.math.BigDecimal;

/**
 * One tax a destination levies: its jurisdiction (e.g. {@code US-TX}, {@code US-TX-787}, {@code CA-BC}, {@code FR}),
 * a display name, the rate as a fraction ({@code 0.0625}, the form channels send) and an optional note.
 */
record TaxRate(String jurisdiction, String name, BigDecimal rate, String note) {}
