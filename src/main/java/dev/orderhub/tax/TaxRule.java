package dev.orderhub.tax;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the tables say about one destination: the taxes it levies (none when no rule applies), whether a delivery
 * charge is taxed there, and for an EU member state the VAT id prefix used to recognise its businesses.
 *
 * @param jurisdiction the destination's most general jurisdiction ({@code US-TX}, {@code FR}, {@code JP})
 * @param rates the taxes, in the order their tax lines are written; empty when no rule applies
 * @param note why no rule applies, when {@code rates} is empty
 */
record TaxRule(String jurisdiction, List<TaxRate> rates, boolean shippingTaxable, boolean euMember, String note) {

    public TaxRule {
        rates = List.copyOf(rates);
    }

    static TaxRule none(String jurisdiction, String note) {
        return new TaxRule(jurisdiction, List.of(), false, false, note);
    }

    public boolean applies() {
        return !rates.isEmpty();
    }

    /** The sum of the rates, which a GROSS price includes. */
    public BigDecimal totalRate() {
        return rates.stream().map(TaxRate::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
