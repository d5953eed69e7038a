package dev.orderhub.tax;

import static dev.orderhub.tax.TaxFixtures.TABLES;
import static dev.orderhub.tax.TaxFixtures.address;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.order.Address;
import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Charge;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import dev.orderhub.order.Totals;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random orders to random destinations, the totals are the sum of what the lines say: the tax total is the sum
 * of every tax line, and the grand total adds up to the cent.
 */
class TaxProperties {

    /** A destination, its currency, and the buyer's tax id (some B2B, some consumers). */
    record Destination(Address shipTo, String currency, String taxId) {}

    private final TaxCalculator calculator = new SandboxTaxCalculator(TABLES);

    @Property(tries = 500)
    void netTotalsAreTheSumOfTheLines(@ForAll("orders") Order order) {
        Order taxed = calculator.applyTax(order.withPricing(order.lines(), order.charges(), null));
        Totals totals = taxed.totals();

        assertThat(totals.tax()).isEqualByComparingTo(sumOfTaxLines(taxed));
        assertThat(totals.grandTotal())
                .isEqualByComparingTo(totals.products()
                        .add(totals.adjustments())
                        .add(totals.charges())
                        .add(totals.tax()));
        assertThat(taxLines(taxed))
                .allSatisfy(tax -> assertThat(tax.amount().scale()).isEqualTo(Money.scale(taxed.currency())));
        assertThat(taxed.lines()).allSatisfy(line -> assertThat(line.taxLines()).isNotEmpty());
    }

    @Property(tries = 300)
    void grossTaxIsContainedInThePrice(@ForAll("orders") Order order) {
        Order gross = TaxFixtures.order(
                order.currency(),
                order.account() == null ? null : order.account().taxId(),
                order.deliveryGroups().get(0).shipTo(),
                TaxMode.GROSS,
                order.lines(),
                order.charges());
        Order taxed = calculator.applyTax(gross);
        Totals totals = taxed.totals();

        assertThat(totals.tax()).isEqualByComparingTo(sumOfTaxLines(taxed));
        assertThat(totals.grandTotal())
                .isEqualByComparingTo(
                        totals.products().add(totals.adjustments()).add(totals.charges()));
        for (OrderLine line : taxed.lines()) {
            BigDecimal base = SandboxTaxCalculator.base(line);
            BigDecimal tax = line.taxLines().stream().map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            // the tax in a price is never more than the price itself (and has the price's sign)
            assertThat(tax.abs()).isLessThanOrEqualTo(base.abs());
            assertThat(tax.signum() * base.signum()).isGreaterThanOrEqualTo(0);
        }
    }

    @Provide
    Arbitrary<Order> orders() {
        Arbitrary<Destination> destinations = Arbitraries.of(
                new Destination(address("US", "TX", "78744"), "USD", null),
                new Destination(address("US", "NY", "10001"), "USD", null),
                new Destination(address("US", "CA", "90012"), "USD", "95-1234567"),
                new Destination(address("US", "WA", "98101"), "USD", null),
                new Destination(address("US", "IL", "60601"), "USD", null),
                new Destination(address("US", "OR", "97201"), "USD", null),
                new Destination(address("DE", null, "10115"), "EUR", "DE123456789"),
                new Destination(address("FR", null, "75001"), "EUR", null),
                new Destination(address("FR", null, "75001"), "EUR", "FR12345678901"),
                new Destination(address("FI", null, "00100"), "EUR", null),
                new Destination(address("GB", null, "SW1A 1AA"), "GBP", null),
                new Destination(address("CA", "ON", "M5V 2T6"), "CAD", null),
                new Destination(address("CA", "QC", "H2Y 1C6"), "CAD", null),
                new Destination(address("AU", "NSW", "2000"), "AUD", null),
                new Destination(address("JP", null, "100-0001"), "JPY", null));
        return destinations.flatMap(d -> Combinators.combine(
                        lines(d.currency()).list().ofMinSize(1).ofMaxSize(6),
                        amounts(d.currency(), 0, 100).list().ofMaxSize(2))
                .as((lines, charges) -> TaxFixtures.order(
                        d.currency(),
                        d.taxId(),
                        d.shipTo(),
                        TaxMode.NET,
                        numbered(lines),
                        charges.stream()
                                .map(a -> new Charge("DELIVERY", a, "DG1", null))
                                .toList())));
    }

    private static Arbitrary<OrderLine> lines(String currency) {
        return Combinators.combine(
                        amounts(currency, 0, 5000),
                        Arbitraries.integers().between(1, 50),
                        Arbitraries.integers().between(0, 30))
                .as((price, quantity, discountPercent) -> {
                    BigDecimal gross = price.multiply(BigDecimal.valueOf(quantity));
                    BigDecimal discount = Money.round(
                            gross.multiply(BigDecimal.valueOf(-discountPercent)).movePointLeft(2), currency);
                    List<Adjustment> adjustments =
                            discountPercent == 0 ? List.of() : List.of(new Adjustment("DISCOUNT", discount, "promo"));
                    return new OrderLine("?", "SKU", null, null, quantity, price, "DG1", adjustments, null, null, null);
                });
    }

    /** Random amounts at the currency's scale, so yen get whole numbers. */
    private static Arbitrary<BigDecimal> amounts(String currency, int min, int max) {
        int scale = Money.scale(currency);
        return Arbitraries.bigDecimals()
                .between(BigDecimal.valueOf(min), BigDecimal.valueOf(max))
                .ofScale(scale);
    }

    private static List<OrderLine> numbered(List<OrderLine> lines) {
        return IntStream.range(0, lines.size())
                .mapToObj(i -> lines.get(i).withIdAndGroup(String.valueOf(i + 1), "DG1"))
                .toList();
    }

    private static Stream<TaxLine> taxLines(Order order) {
        return Stream.concat(
                order.lines().stream().flatMap(l -> l.taxLines().stream()),
                order.charges().stream().flatMap(c -> c.taxLines().stream()));
    }

    private static BigDecimal sumOfTaxLines(Order order) {
        return taxLines(order).map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
