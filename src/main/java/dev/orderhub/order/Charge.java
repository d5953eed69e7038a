package dev.orderhub.order;

import java.math.BigDecimal;
import java.util.List;

/** An order-level charge such as DELIVERY, with its tax lines. */
public record Charge(String type, BigDecimal amount, String deliveryGroupId, List<TaxLine> taxLines) {
    public Charge {
        taxLines = taxLines == null ? List.of() : List.copyOf(taxLines);
    }

    public Charge withTaxLines(List<TaxLine> lines) {
        return new Charge(type, amount, deliveryGroupId, lines);
    }
}
