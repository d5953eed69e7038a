package dev.orderhub.order;

import java.math.BigDecimal;
import java.util.List;

/** An order-level charge such as DELIVERY, with its tax lines. */
public record Charge(String type, BigDecimal amount, String deliveryGroupId, List<TaxLine> taxLines) {
    public Charge {
        taxLines = taxLines == null ? List.of() : List.copyOf(taxLines);
    }

    /** The charge given back whole (its delivery group canceled): no amount, and no tax on it. */
    public Charge givenBack(String currency) {
        return new Charge(
                type,
                Money.zero(currency),
                deliveryGroupId,
                taxLines.stream()
                        .map(t -> new TaxLine(t.jurisdiction(), t.name(), t.rate(), Money.zero(currency), t.note()))
                        .toList());
    }

    public Charge withTaxLines(List<TaxLine> lines) {
        return new Charge(type, amount, deliveryGroupId, lines);
    }
}
