package dev.orderhub.order;

import java.math.BigDecimal;

/** One tax on a line or charge: the jurisdiction, its rate and amount, and a note (e.g. reverse charge). */
public record TaxLine(String jurisdiction, String name, BigDecimal rate, BigDecimal amount, String note) {}
