package dev.orderhub.order;

import java.math.BigDecimal;

/** Totals of an order from its lines, adjustments, charges and tax lines, at the currency's scale. */
public final class Pricing {
    private Pricing() {}

    public static Totals totals(Order order) {
        String currency = order.currency();
        BigDecimal products = Money.zero(currency);
        BigDecimal adjustments = Money.zero(currency);
        BigDecimal charges = Money.zero(currency);
        BigDecimal tax = Money.zero(currency);
        for (OrderLine line : order.lines()) {
            int quantity = line.quantities() == null
                    ? line.quantity()
                    : line.quantities().net();
            products = products.add(line.unitPrice().multiply(BigDecimal.valueOf(quantity)));
            for (Adjustment adjustment : line.adjustments()) {
                adjustments = adjustments.add(adjustment.amount());
            }
            for (TaxLine taxLine : line.taxLines()) {
                tax = tax.add(taxLine.amount());
            }
        }
        for (Charge charge : order.charges()) {
            charges = charges.add(charge.amount());
            for (TaxLine taxLine : charge.taxLines()) {
                tax = tax.add(taxLine.amount());
            }
        }
        BigDecimal grandTotal = products.add(adjustments).add(charges);
        if (order.taxMode() == TaxMode.NET) {
            grandTotal = grandTotal.add(tax);
        }
        return new Totals(
                Money.round(products, currency),
                Money.round(adjustments, currency),
                Money.round(charges, currency),
                Money.round(tax, currency),
                Money.round(grandTotal, currency));
    }
}
