package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.JSON;
import static dev.orderhub.pipeline.PipelineHub.delivery;
import static dev.orderhub.pipeline.PipelineHub.firstLine;
import static dev.orderhub.pipeline.PipelineHub.list;
import static dev.orderhub.pipeline.PipelineHub.onlyLine;
import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.shipTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tax at acceptance, end to end to CLOSED: EU B2B reverse charge, GROSS-mode (tax-inclusive) prices, and tax lines a
 * channel supplied, kept exactly as charged. Invoices and captures follow the taxed totals to the cent.
 */
@HubTest
class PipelineTaxIT {
    private static final String REVERSE_CHARGE_NOTE =
            "reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void euCrossBorderBusinessOrderIsReverseCharged() {
        ObjectNode order = readmeOrder();
        order.put("currency", "EUR");
        order.set("account", JSON.readTree("""
                {"accountId": "FR-OUTILS-01", "name": "Outils Acme SARL", "taxId": "FR12345678901"}"""));
        shipTo(order, """
                {"name": "Outils Acme SARL", "line1": "12 rue de la Paix", "city": "Paris", "postalCode": "75002",
                 "country": "FR"}""");
        onlyLine(order, "DRILL-18V", 2, "149.00");
        delivery(order, "12.50");
        String id = hub.submit(order);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        List<JsonNode> taxLines =
                new ArrayList<>(list(closed.path("lines").get(0).path("taxLines")));
        taxLines.addAll(list(closed.path("charges").get(0).path("taxLines")));
        assertThat(taxLines).hasSize(2).allSatisfy(taxLine -> {
            assertThat(taxLine.path("jurisdiction").asString()).isEqualTo("FR");
            assertThat(new BigDecimal(taxLine.path("rate").asString())).isZero();
            assertThat(taxLine.path("amount").asString()).isEqualTo("0.00");
            assertThat(taxLine.path("note").asString()).isEqualTo(REVERSE_CHARGE_NOTE);
        });
        JsonNode totals = closed.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("298.00");
        assertThat(totals.path("charges").asString()).isEqualTo("12.50");
        assertThat(totals.path("tax").asString()).isEqualTo("0.00");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("310.50");
        JsonNode invoice = closed.path("invoices").get(0);
        assertThat(invoice.path("tax").asString()).isEqualTo("0.00");
        assertThat(invoice.path("total").asString()).isEqualTo("310.50");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("310.50");
        assertThat(closed.path("payment").path("balance").asString()).isEqualTo("0.00");
    }

    @Test
    void grossPricesContainTheTaxAndTheGrandTotalAddsNone() {
        ObjectNode order = PipelineIT.germanConsumerOrder();
        order.put("taxMode", "GROSS");
        onlyLine(order, "DRILL-18V", 1, "119.00");
        delivery(order, null);
        String id = hub.submit(order);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        assertThat(closed.path("taxMode").asString()).isEqualTo("GROSS");
        List<JsonNode> taxLines = list(closed.path("lines").get(0).path("taxLines"));
        assertThat(taxLines).hasSize(1);
        assertThat(taxLines.get(0).path("jurisdiction").asString()).isEqualTo("DE");
        assertThat(new BigDecimal(taxLines.get(0).path("rate").asString())).isEqualByComparingTo("0.19");
        assertThat(taxLines.get(0).path("amount").asString()).isEqualTo("19.00");
        JsonNode totals = closed.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("119.00");
        assertThat(totals.path("tax").asString()).isEqualTo("19.00");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("119.00");
        JsonNode invoice = closed.path("invoices").get(0);
        assertThat(invoice.path("tax").asString()).isEqualTo("19.00");
        assertThat(invoice.path("total").asString()).isEqualTo("119.00");
        JsonNode payment = closed.path("payment");
        assertThat(payment.path("authorized").asString()).isEqualTo("119.00");
        assertThat(payment.path("captured").asString()).isEqualTo("119.00");
        assertThat(payment.path("balance").asString()).isEqualTo("0.00");
    }

    @Test
    void channelSuppliedTaxLinesAreKeptExactly() {
        ObjectNode order = readmeOrder();
        // deliberately not what the sandbox would compute (30.64 + 9.80 and 1.25 + 0.40): the channel's word stands
        JsonNode lineTax = JSON.readTree("""
                [{"jurisdiction": "US-TX", "name": "Texas state sales tax", "rate": "0.0625", "amount": "30.00",
                  "note": "as charged by the storefront"}]""");
        JsonNode chargeTax = JSON.readTree("""
                [{"jurisdiction": "US-TX", "name": "Texas state sales tax", "rate": "0.0625", "amount": "1.25"}]""");
        firstLine(order).set("taxLines", lineTax);
        ((ObjectNode) order.path("charges").get(0)).set("taxLines", chargeTax);
        String id = hub.submit(order);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        assertThat(closed.path("lines").get(0).path("taxLines")).isEqualTo(lineTax);
        assertThat(closed.path("charges").get(0).path("taxLines")).isEqualTo(chargeTax);
        JsonNode totals = closed.path("totals");
        assertThat(totals.path("tax").asString()).isEqualTo("31.25");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("541.45");
        JsonNode invoice = closed.path("invoices").get(0);
        assertThat(invoice.path("lines").get(0).path("tax").asString()).isEqualTo("30.00");
        assertThat(invoice.path("charges").get(0).path("tax").asString()).isEqualTo("1.25");
        assertThat(invoice.path("tax").asString()).isEqualTo("31.25");
        assertThat(invoice.path("total").asString()).isEqualTo("541.45");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("541.45");
        assertThat(closed.path("payment").path("balance").asString()).isEqualTo("0.00");
    }
}
