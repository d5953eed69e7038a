package dev.orderhub.tax;

import static dev.orderhub.tax.TaxFixtures.TABLES;
import static dev.orderhub.tax.TaxFixtures.address;
import static dev.orderhub.tax.TaxFixtures.delivery;
import static dev.orderhub.tax.TaxFixtures.line;
import static dev.orderhub.tax.TaxFixtures.lineWithTax;
import static dev.orderhub.tax.TaxFixtures.money;
import static dev.orderhub.tax.TaxFixtures.net;
import static dev.orderhub.tax.TaxFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.order.Charge;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import dev.orderhub.order.Totals;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTaxCalculatorTest {

    private static final String REVERSE_CHARGE =
            "reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)";

    private final TaxCalculator calculator = new SandboxTaxCalculator(TABLES);

    @Test
    void readmeOrderToAustinPaysTexasAndAustinTaxOnGoodsAndDelivery() {
        Order order = order(
                "USD",
                "12-3456789",
                address("US", "TX", "78744"),
                TaxMode.NET,
                List.of(line("1", "129.00", 4, "-25.80")),
                List.of(delivery("20.00")));

        Order taxed = calculator.applyTax(order);

        // base 516.00 - 25.80 = 490.20: 6.25% = 30.6375 -> 30.64, 2% = 9.804 -> 9.80
        assertThat(taxed.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::rate, TaxLine::amount)
                .containsExactly(
                        tuple("US-TX", money("0.0625"), money("30.64")),
                        tuple("US-TX-787", money("0.02"), money("9.80")));
        // Texas taxes delivery: 20.00 x 6.25% = 1.25, x 2% = 0.40
        assertThat(taxed.charges().get(0).taxLines())
                .extracting(TaxLine::amount)
                .containsExactly(money("1.25"), money("0.40"));
        assertThat(taxed.totals())
                .isEqualTo(
                        new Totals(money("516.00"), money("-25.80"), money("20.00"), money("42.09"), money("552.29")));
    }

    @Test
    void newYorkCityZipAddsTheCityRateAndUpstateDoesNot() {
        Order nyc = calculator.applyTax(net("USD", address("US", "NY", "10001"), line("1", "100.00", 1)));
        assertThat(nyc.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::amount)
                .containsExactly(tuple("US-NY", money("4.00")), tuple("US-NY-100", money("4.88")));

        Order brooklyn = calculator.applyTax(net("USD", address("US", "NY", "11201"), line("1", "100.00", 1)));
        assertThat(brooklyn.totals().tax()).isEqualByComparingTo("8.88");

        Order albany = calculator.applyTax(net("USD", address("US", "NY", "12207"), line("1", "100.00", 1)));
        assertThat(albany.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::amount)
                .containsExactly(tuple("US-NY", money("4.00")));
    }

    @Test
    void aStateWithoutSalesTaxGetsAZeroLineSayingSo() {
        Order taxed = calculator.applyTax(order(
                "USD",
                null,
                address("US", "OR", "97201"),
                TaxMode.NET,
                List.of(line("1", "250.00", 2)),
                List.of(delivery("15.00"))));

        TaxLine tax = taxed.lines().get(0).taxLines().get(0);
        assertThat(tax.jurisdiction()).isEqualTo("US-OR");
        assertThat(tax.rate()).isEqualByComparingTo("0");
        assertThat(tax.amount()).isEqualTo(money("0.00"));
        assertThat(tax.note()).contains("no sales tax");
        assertThat(taxed.totals().tax()).isEqualTo(money("0.00"));
        assertThat(taxed.totals().grandTotal()).isEqualTo(money("515.00"));
    }

    @Test
    void channelSuppliedTaxLinesAreKeptExactlyAndOthersComputed() {
        TaxLine charged = new TaxLine("US-TX", "Sales tax", money("0.0825"), money("12.34"), "from Shopify");
        Order order = order(
                "USD",
                null,
                address("US", "TX", "78744"),
                TaxMode.NET,
                List.of(lineWithTax("1", "100.00", 1, charged), line("2", "10.00", 1)),
                List.of(delivery("5.00")));

        Order taxed = calculator.applyTax(order);

        assertThat(taxed.lines().get(0).taxLines()).containsExactly(charged);
        assertThat(taxed.lines().get(1).taxLines())
                .extracting(TaxLine::amount)
                .containsExactly(money("0.63"), money("0.20"));
        // 12.34 + 0.83 on line 2 + 0.31 + 0.10 on delivery
        assertThat(taxed.totals().tax()).isEqualTo(money("13.58"));
    }

    @Test
    void grossModeExtractsGermanVatFromAConsumerPrice() {
        Order order = order(
                "EUR",
                null,
                address("DE", null, "10115"),
                TaxMode.GROSS,
                List.of(line("1", "119.00", 1)),
                List.of(delivery("5.95")));

        Order taxed = calculator.applyTax(order);

        assertThat(taxed.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::rate, TaxLine::amount)
                .containsExactly(tuple("DE", money("0.19"), money("19.00")));
        assertThat(taxed.charges().get(0).taxLines().get(0).amount()).isEqualTo(money("0.95"));
        // prices include the tax, so the grand total is what the buyer saw
        assertThat(taxed.totals().tax()).isEqualTo(money("19.95"));
        assertThat(taxed.totals().grandTotal()).isEqualTo(money("124.95"));
    }

    @Test
    void grossModeSplitsTheIncludedTaxBetweenGstAndPst() {
        Order order = order(
                "CAD", null, address("CA", "BC", "V6B 1A1"), TaxMode.GROSS, List.of(line("1", "112.00", 1)), List.of());

        assertThat(calculator.applyTax(order).lines().get(0).taxLines())
                .extracting(TaxLine::name, TaxLine::amount)
                .containsExactly(tuple("GST", money("5.00")), tuple("PST", money("7.00")));
    }

    @Test
    void euBusinessBuyerInAnotherMemberStateIsReverseCharged() {
        Order order = order(
                "EUR",
                "FR12345678901",
                address("FR", null, "75001"),
                TaxMode.NET,
                List.of(line("1", "1000.00", 3)),
                List.of(delivery("50.00")));

        Order taxed = calculator.applyTax(order);

        for (TaxLine tax : List.of(
                taxed.lines().get(0).taxLines().get(0),
                taxed.charges().get(0).taxLines().get(0))) {
            assertThat(tax.jurisdiction()).isEqualTo("FR");
            assertThat(tax.rate()).isEqualByComparingTo("0");
            assertThat(tax.amount()).isEqualTo(money("0.00"));
            assertThat(tax.note()).isEqualTo(REVERSE_CHARGE);
        }
        assertThat(taxed.totals().grandTotal()).isEqualTo(money("3050.00"));
    }

    @Test
    void greekVatIdsBeginWithEl() {
        Order taxed = calculator.applyTax(order(
                "EUR",
                "EL123456789",
                address("GR", null, "10431"),
                TaxMode.NET,
                List.of(line("1", "10.00", 1)),
                List.of()));
        assertThat(taxed.lines().get(0).taxLines().get(0).note()).isEqualTo(REVERSE_CHARGE);
    }

    @Test
    void euConsumersAndDomesticBusinessesPayTheDestinationRate() {
        Order consumer = calculator.applyTax(net("EUR", address("FR", null, "75001"), line("1", "100.00", 1)));
        assertThat(consumer.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::amount, TaxLine::note)
                .containsExactly(tuple("FR", money("20.00"), null));

        // a US EIN is no EU VAT id
        Order ein = calculator.applyTax(order(
                "EUR",
                "12-3456789",
                address("FR", null, "75001"),
                TaxMode.NET,
                List.of(line("1", "100.00", 1)),
                List.of()));
        assertThat(ein.totals().tax()).isEqualTo(money("20.00"));

        Order domestic = calculator.applyTax(order(
                "EUR",
                "DE123456789",
                address("DE", null, "80331"),
                TaxMode.NET,
                List.of(line("1", "100.00", 1)),
                List.of()));
        assertThat(domestic.totals().tax()).isEqualTo(money("19.00"));

        // a VAT id of the seller's own member state does not make a cross-border sale exempt
        Order germanIdToFrance = calculator.applyTax(order(
                "EUR",
                "DE123456789",
                address("FR", null, "75001"),
                TaxMode.NET,
                List.of(line("1", "100.00", 1)),
                List.of()));
        assertThat(germanIdToFrance.totals().tax()).isEqualTo(money("20.00"));
    }

    @Test
    void ontarioPaysOneHstLine() {
        Order taxed = calculator.applyTax(net("CAD", address("CA", "ON", "M5V 2T6"), line("1", "100.00", 1)));
        assertThat(taxed.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::name, TaxLine::amount)
                .containsExactly(tuple("CA-ON", "HST", money("13.00")));
    }

    @Test
    void britishColumbiaAndQuebecPayGstAndAProvincialLine() {
        Order bc = calculator.applyTax(net("CAD", address("CA", "BC", "V6B 1A1"), line("1", "100.00", 1)));
        assertThat(bc.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::name, TaxLine::amount)
                .containsExactly(tuple("CA", "GST", money("5.00")), tuple("CA-BC", "PST", money("7.00")));

        Order qc = calculator.applyTax(net("CAD", address("CA", "QC", "H2Y 1C6"), line("1", "100.00", 1)));
        assertThat(qc.lines().get(0).taxLines())
                .extracting(TaxLine::name, TaxLine::amount)
                .containsExactly(tuple("GST", money("5.00")), tuple("QST", money("9.98")));
    }

    @Test
    void australiaPaysGstOnGoodsAndDelivery() {
        Order taxed = calculator.applyTax(order(
                "AUD",
                null,
                address("AU", "NSW", "2000"),
                TaxMode.NET,
                List.of(line("1", "49.95", 2)),
                List.of(delivery("9.95"))));
        assertThat(taxed.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::name, TaxLine::amount)
                .containsExactly(tuple("AU", "GST", money("9.99")));
        assertThat(taxed.charges().get(0).taxLines().get(0).amount()).isEqualTo(money("1.00"));
        assertThat(taxed.totals().grandTotal()).isEqualTo(money("120.84"));
    }

    @Test
    void aJurisdictionWithoutARuleGetsAZeroLineSayingNoRuleApplies() {
        Order taxed = calculator.applyTax(order(
                "JPY",
                null,
                address("JP", null, "100-0001"),
                TaxMode.NET,
                List.of(line("1", "5000", 2)),
                List.of(delivery("800"))));

        TaxLine tax = taxed.lines().get(0).taxLines().get(0);
        assertThat(tax.jurisdiction()).isEqualTo("JP");
        assertThat(tax.rate()).isEqualByComparingTo("0");
        assertThat(tax.amount()).isEqualTo(new BigDecimal("0")); // yen have no minor unit
        assertThat(tax.note()).isEqualTo("no tax rule applies to JP: no tax charged");
        assertThat(taxed.charges().get(0).taxLines().get(0).note()).contains("no tax rule applies to JP");
        assertThat(taxed.totals().grandTotal()).isEqualTo(new BigDecimal("10800"));
    }

    @Test
    void aUsRegionWithoutARuleIsNotAnError() {
        Order taxed = calculator.applyTax(net("USD", address("US", "PR", "00901"), line("1", "10.00", 1)));
        assertThat(taxed.lines().get(0).taxLines().get(0).note())
                .isEqualTo("no tax rule applies to US-PR: no tax charged");
    }

    @Test
    void deliveryIsTaxedWhereTheStateTaxesShippingOnly() {
        Order texas = calculator.applyTax(order(
                "USD",
                null,
                address("US", "TX", "75001"),
                TaxMode.NET,
                List.of(line("1", "100.00", 1)),
                List.of(delivery("10.00"))));
        assertThat(texas.charges().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::amount)
                .containsExactly(tuple("US-TX", money("0.63")));

        Order losAngeles = calculator.applyTax(order(
                "USD",
                null,
                address("US", "CA", "90012"),
                TaxMode.NET,
                List.of(line("1", "100.00", 1)),
                List.of(delivery("10.00"))));
        assertThat(losAngeles.lines().get(0).taxLines())
                .extracting(TaxLine::jurisdiction, TaxLine::amount)
                .containsExactly(tuple("US-CA", money("7.25")), tuple("US-CA-900", money("2.50")));
        TaxLine shipping = losAngeles.charges().get(0).taxLines().get(0);
        assertThat(shipping.amount()).isEqualTo(money("0.00"));
        assertThat(shipping.note()).isEqualTo("delivery charges are not taxable in US-CA");
        assertThat(losAngeles.totals().tax()).isEqualTo(money("9.75"));
    }

    @Test
    void eachLineIsRoundedOnItsOwnAndTheTotalIsTheirSum() {
        // 0.10 x 6.25% = 0.00625 -> 0.01 on each line; on the order's 0.30 it would have been 0.02
        Order taxed = calculator.applyTax(net(
                "USD", address("US", "TX", "75001"), line("1", "0.10", 1), line("2", "0.10", 1), line("3", "0.10", 1)));

        assertThat(taxed.lines())
                .allSatisfy(l -> assertThat(l.taxLines().get(0).amount()).isEqualTo(money("0.01")));
        assertThat(taxed.totals().tax()).isEqualTo(money("0.03"));
        assertThat(taxed.totals().grandTotal()).isEqualTo(money("0.33"));
    }

    @Test
    void canceledUnitsAreNotTaxed() {
        OrderLine partlyCanceled = line("1", "10.00", 5).withQuantities(new LineQuantities(5, 2, 0, 0, 0, 0, 0));
        Order taxed = calculator.applyTax(net("USD", address("US", "TX", "75001"), partlyCanceled));
        assertThat(taxed.lines().get(0).taxLines().get(0).amount()).isEqualTo(money("1.88")); // 30.00 x 6.25%
    }

    @Test
    void aChargeWithoutDeliveryGroupIsTaxedAtTheOnlyShipTo() {
        Order order = order(
                "USD",
                null,
                address("US", "TX", "75001"),
                TaxMode.NET,
                List.of(line("1", "10.00", 1)),
                List.of(new Charge("DELIVERY", money("8.00"), null, null)));
        assertThat(calculator.applyTax(order).charges().get(0).taxLines().get(0).amount())
                .isEqualTo(money("0.50"));
    }

    @Test
    void applyingTaxTwiceChangesNothing() {
        Order order = order(
                "USD",
                null,
                address("US", "TX", "78744"),
                TaxMode.NET,
                List.of(line("1", "129.00", 4, "-25.80")),
                List.of(delivery("20.00")));
        Order once = calculator.applyTax(order);
        assertThat(calculator.applyTax(once)).isEqualTo(once);
    }
}
