package dev.orderhub.tax;

import dev.orderhub.order.Address;
import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Charge;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.Pricing;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox tax connector: tax lines from {@link TaxTables}, in-process. Each line and charge is taxed where its
 * delivery group ships to, and rounded on its own (half-up at the currency's scale) so that an invoice of some of
 * the lines carries exactly the tax those lines were charged; the order's tax total is the sum of the lines'.
 */
class SandboxTaxCalculator implements TaxCalculator {

    private final TaxTables tables;

    public SandboxTaxCalculator(TaxTables tables) {
        this.tables = tables;
    }

    @Override
    public Order applyTax(Order order) {
        // An empty list means "not supplied": a channel that charged tax sends at least one line (even at rate 0),
        // and what it charged is what the buyer paid, so it is never recomputed.
        String taxId = taxId(order);
        List<OrderLine> lines = order.lines().stream()
                .map(line -> line.taxLines().isEmpty()
                        ? line.withTaxLines(taxLines(
                                order.currency(),
                                order.taxMode(),
                                taxId,
                                TaxBodies.shipTo(order, line.deliveryGroupId()),
                                base(line),
                                false))
                        : line)
                .toList();
        List<Charge> charges = order.charges().stream()
                .map(charge -> charge.taxLines().isEmpty()
                        ? charge.withTaxLines(taxLines(
                                order.currency(),
                                order.taxMode(),
                                taxId,
                                TaxBodies.shipTo(order, charge.deliveryGroupId()),
                                amount(charge.amount()),
                                isDelivery(charge.type())))
                        : charge)
                .toList();
        Order taxed = order.withPricing(lines, charges, order.totals());
        return taxed.withPricing(lines, charges, Pricing.totals(taxed));
    }

    /** Answers a quote request of the tax connector contract (connector type tax/sandbox). */
    public JsonNode quote(JsonNode request) {
        String currency = request.path("currency").asString();
        TaxMode mode = TaxMode.valueOf(request.path("taxMode").asString("NET"));
        String taxId = request.path("taxId").asString(null);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode lines = answer.putArray("lines");
        for (JsonNode line : request.path("lines")) {
            List<TaxLine> taxLines = taxLines(
                    currency,
                    mode,
                    taxId,
                    TaxBodies.address(line.path("shipTo")),
                    new BigDecimal(line.path("amount").asString("0")),
                    false);
            lines.addObject()
                    .put("lineId", line.path("lineId").asString())
                    .set("taxLines", TaxBodies.taxLines(taxLines));
        }
        ArrayNode charges = answer.putArray("charges");
        for (JsonNode charge : request.path("charges")) {
            List<TaxLine> taxLines = taxLines(
                    currency,
                    mode,
                    taxId,
                    TaxBodies.address(charge.path("shipTo")),
                    new BigDecimal(charge.path("amount").asString("0")),
                    isDelivery(charge.path("type").asString(null)));
            charges.addObject()
                    .put("index", charge.path("index").asInt())
                    .set("taxLines", TaxBodies.taxLines(taxLines));
        }
        return answer;
    }

    /** Records a tax document: the sandbox keeps nothing and answers the document's code as its reference. */
    public JsonNode record(JsonNode request) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("reference", request.path("code").asString());
    }

    /** Voids a tax document: nothing to undo in the sandbox; answers the document's reference. */
    public JsonNode voidDocument(JsonNode request) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("reference", request.path("reference").asString());
    }

    private static String taxId(Order order) {
        return order.account() == null ? null : order.account().taxId();
    }

    /** The taxable base of a line: unit price × net quantity (canceled units are not charged) + adjustments. */
    static BigDecimal base(OrderLine line) {
        int quantity =
                line.quantities() != null ? line.quantities().net() : line.quantity() == null ? 0 : line.quantity();
        BigDecimal base = amount(line.unitPrice()).multiply(BigDecimal.valueOf(quantity));
        for (Adjustment adjustment : line.adjustments()) {
            base = base.add(amount(adjustment.amount()));
        }
        return base;
    }

    private List<TaxLine> taxLines(
            String currency, TaxMode mode, String taxId, Address shipTo, BigDecimal base, boolean delivery) {
        BigDecimal zero = Money.zero(currency);
        TaxRule rule = tables.ruleFor(shipTo);
        if (!rule.applies()) {
            return List.of(new TaxLine(rule.jurisdiction(), "No tax", BigDecimal.ZERO, zero, rule.note()));
        }
        TaxRate first = rule.rates().get(0);
        if (delivery && !rule.shippingTaxable()) {
            return List.of(new TaxLine(
                    rule.jurisdiction(),
                    first.name(),
                    BigDecimal.ZERO,
                    zero,
                    "delivery charges are not taxable in " + rule.jurisdiction()));
        }
        if (reverseCharge(taxId, rule)) {
            return List.of(
                    new TaxLine(first.jurisdiction(), first.name(), BigDecimal.ZERO, zero, tables.reverseChargeNote()));
        }
        return mode == TaxMode.GROSS ? gross(rule, base, currency) : net(rule, base, currency);
    }

    /** NET: each tax on top of the base, each rounded on its own, as the jurisdictions assess them. */
    private static List<TaxLine> net(TaxRule rule, BigDecimal base, String currency) {
        List<TaxLine> lines = new ArrayList<>();
        for (TaxRate rate : rule.rates()) {
            lines.add(line(rate, Money.round(base.multiply(rate.rate()), currency)));
        }
        return lines;
    }

    /**
     * GROSS: the price includes every tax, so the line's tax is base − base / (1 + total rate), computed as
     * base × R / (1 + R) and rounded once; it is then split by rate, the last tax taking the rounding remainder so
     * that the tax lines add up to exactly the tax contained in the price.
     */
    private static List<TaxLine> gross(TaxRule rule, BigDecimal base, String currency) {
        BigDecimal totalRate = rule.totalRate();
        int scale = Money.scale(currency);
        BigDecimal total = totalRate.signum() == 0
                ? Money.zero(currency)
                : base.multiply(totalRate).divide(BigDecimal.ONE.add(totalRate), scale, RoundingMode.HALF_UP);
        List<TaxLine> lines = new ArrayList<>();
        BigDecimal allocated = Money.zero(currency);
        List<TaxRate> rates = rule.rates();
        for (int i = 0; i < rates.size(); i++) {
            TaxRate rate = rates.get(i);
            BigDecimal share;
            if (i == rates.size() - 1) {
                share = total.subtract(allocated);
            } else {
                share = totalRate.signum() == 0
                        ? Money.zero(currency)
                        : total.multiply(rate.rate()).divide(totalRate, scale, RoundingMode.HALF_UP);
            }
            allocated = allocated.add(share);
            lines.add(line(rate, share));
        }
        return lines;
    }

    /** A tax line; the table's note is kept only on a zero rate, where it says why nothing is charged. */
    private static TaxLine line(TaxRate rate, BigDecimal amount) {
        return new TaxLine(
                rate.jurisdiction(),
                rate.name(),
                rate.rate(),
                amount,
                rate.rate().signum() == 0 ? rate.note() : null);
    }

    /**
     * EU B2B cross-border: goods sent to another member state than the seller's EU establishment, to a buyer with a
     * VAT id of a member state other than the seller's, are exempt for the seller and taxed by the buyer (Art. 138,
     * 196 Directive 2006/112/EC). A consumer, or a domestic sale, pays the destination rate (OSS for B2C).
     */
    private boolean reverseCharge(String taxId, TaxRule rule) {
        String seller = tables.euEstablishment();
        if (!rule.euMember() || seller == null || rule.jurisdiction().equals(seller)) {
            return false;
        }
        return tables.euVatIdCountry(taxId)
                .filter(country -> !country.equals(seller))
                .isPresent();
    }

    private boolean isDelivery(String chargeType) {
        return chargeType != null && tables.deliveryChargeTypes().contains(chargeType.toUpperCase(Locale.ROOT));
    }

    private static BigDecimal amount(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
