package dev.orderhub.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.orderhub.fulfillment.EasyPostServer;
import dev.orderhub.payment.StripeMock;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import dev.orderhub.tax.FakeAvaTax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A B2B card order of two delivery groups through the real connectors at once: payment/stripe against
 * {@link StripeMock}, tax/avatax against {@link FakeAvaTax} and carrier/easypost against {@link EasyPostServer}, with
 * an inventory where one group ships from a location whose label the hub buys and the other from one the sandbox ERP
 * ships. The order closes having been authorised once, quoted once, and each invoice captured once and recorded once
 * as a committed SalesInvoice; each shipment has a tracker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AllRealConnectorsIT.Context.class)
// its own context with its own database and connectors: closed afterwards
@DirtiesContext
class AllRealConnectorsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Set<String> STOPPED = Set.of("ON_HOLD", "REJECTED", "CANCELLED", "WAITING_APPROVAL");
    private static final String INTENTS = "/v1/payment_intents";
    private static final String AVATAX_CREATE = "/api/v2/transactions/create";

    private final WireMockServer stripe = StripeMock.server();
    private final WireMockServer avatax = FakeAvaTax.server();
    private final WireMockServer easypost = EasyPostServer.server();

    @LocalServerPort
    int port;

    private HubClient hub;

    @BeforeEach
    void servers() {
        hub = new HubClient(port);
        easypost.resetAll();
        EasyPostServer.shipment("allreal");
        EasyPostServer.trackers();
    }

    @Test
    void aB2bCardOrderOfTwoDeliveryGroupsClosesThroughStripeAvaTaxAndEasyPost() {
        String ext = "ALLREAL-" + UUID.randomUUID();
        String id = HubOrders.json(hub.post("/api/orders", HubTestContext.INGEST_KEY, order(ext)), 202)
                .path("id")
                .asString();

        JsonNode closed = awaitOrder(id, o -> o.path("invoices").size() == 2);

        String grandTotal = closed.path("totals").path("grandTotal").asString();
        List<String> invoices = closed.path("invoices")
                .valueStream()
                .map(i -> i.path("number").asString())
                .toList();
        assertThat(new BigDecimal(closed.path("payment").path("captured").asString()))
                .isEqualByComparingTo(grandTotal);
        assertThat(closed.path("invoices")
                        .valueStream()
                        .map(i -> new BigDecimal(i.path("total").asString()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(grandTotal);

        // Stripe: one authorisation of the grand total, then each invoice's amount moved once
        List<ServeEvent> authorizations = stripe(
                INTENTS,
                form -> id.equals(form.get("metadata[order_id]")) && "manual".equals(form.get("capture_method")));
        assertThat(keys(authorizations)).singleElement().asString().startsWith(id + ":authorize:");
        assertThat(intents(authorizations)).hasSize(1);
        Map<String, String> authorize = StripeMock.form(authorizations.get(0).getRequest());
        assertThat(authorize)
                .containsEntry("payment_method", "pm_card_visa")
                .containsEntry("amount", minor(grandTotal))
                .containsEntry("metadata[external_order_id]", ext);
        String intent = intents(authorizations).get(0);
        for (JsonNode invoice : closed.path("invoices")) {
            String number = invoice.path("number").asString();
            Predicate<Map<String, String>> ofInvoice = form -> number.equals(form.get("metadata[invoice_number]"));
            List<ServeEvent> captures = stripe(INTENTS + "/" + intent + "/capture", ofInvoice);
            assertThat(keys(captures))
                    .as("capture keys of invoice %s", number)
                    .singleElement()
                    .asString()
                    .startsWith(id + ":capture:" + number + ":");
            // the intent captured by an earlier invoice: this one is charged by a new intent, off-session
            List<ServeEvent> moved = new ArrayList<>(succeeded(captures));
            moved.addAll(succeeded(stripe(INTENTS, ofInvoice)));
            assertThat(keys(moved)).as("money moved for invoice %s", number).hasSize(1);
            assertThat(intents(moved)).hasSize(1);
            Map<String, String> form = StripeMock.form(moved.get(0).getRequest());
            assertThat(form.getOrDefault("amount_to_capture", form.get("amount")))
                    .isEqualTo(minor(invoice.path("total").asString()));
        }

        // AvaTax: one SalesOrder quote, whose answer is the order's tax; one committed SalesInvoice per invoice
        List<ServeEvent> quotes = avatax("SalesOrder", id);
        assertThat(quotes).hasSize(1);
        assertThat(quotes.get(0).getResponse().getStatus()).isEqualTo(201);
        assertThat(JSON.readTree(quotes.get(0).getRequest().getBodyAsString())
                        .path("commit")
                        .asBoolean(true))
                .isFalse();
        assertThat(orderTaxLines(closed))
                .isEqualTo(answeredTaxLines(quotes.get(0)))
                .containsOnlyKeys("L-1", "L-2", "C-0", "C-1")
                .allSatisfy((line, tax) -> assertThat(tax).as("tax of %s", line).isNotEmpty());
        for (String number : invoices) {
            List<ServeEvent> recorded = avatax("SalesInvoice", number);
            assertThat(recorded)
                    .extracting(e -> JSON.readTree(e.getRequest().getBodyAsString())
                            .path("commit")
                            .asBoolean())
                    .containsOnly(true);
            List<String> answers = recorded.stream()
                    .map(e -> e.getResponse().getStatus() + " "
                            + JSON.readTree(e.getResponse().getBodyAsString())
                                    .path("error")
                                    .path("code")
                                    .asString(""))
                    .toList();
            // a second run of the invoicing step asks with the same code: AvaTax refuses it
            assertThat(answers)
                    .as("AvaTax's answers to SalesInvoice %s", number)
                    .containsOnlyOnce("201 ")
                    .allSatisfy(a -> assertThat(a).isIn("201 ", "400 TransactionAlreadyExists"));
            assertThat(FakeAvaTax.fake().isCommitted(number)).isTrue();
        }

        // EasyPost: the hub-labelled group's label bought once; the other shipped by the sandbox ERP
        JsonNode hubFo = fulfillmentOrder(closed, "WH-HUB");
        JsonNode wmsFo = fulfillmentOrder(closed, "WH-EAST");
        assertThat(List.of(
                        hubFo.path("deliveryGroupId").asString(),
                        wmsFo.path("deliveryGroupId").asString()))
                .containsExactly("DG1", "DG2");
        assertThat(easypost.findAll(postRequestedFor(urlEqualTo("/v2/shipments"))
                        .withRequestBody(matchingJsonPath(
                                "$.shipment.reference",
                                equalTo(id + ":carrier-shipment:"
                                        + hubFo.path("id").asString() + ":0")))))
                .hasSize(1);
        assertThat(easypost.findAll(postRequestedFor(urlEqualTo("/v2/shipments"))))
                .hasSize(1);
        assertThat(easypost.findAll(postRequestedFor(urlEqualTo("/v2/shipments/shp_allreal/buy"))))
                .hasSize(1);
        JsonNode labelled = hubFo.path("shipments").get(0);
        assertThat(hubFo.path("shipments")).hasSize(1);
        assertThat(labelled.path("id").asString()).isEqualTo("shp_allreal");
        assertThat(labelled.path("trackingNumber").asString()).isEqualTo("EZallreal");
        assertThat(wmsFo.path("shipments")).hasSize(1);
        assertThat(wmsFo.path("shipments").get(0).path("trackingNumber").asString())
                .startsWith("1ZSBX");
        for (JsonNode shipment : List.of(labelled, wmsFo.path("shipments").get(0))) {
            await("a tracker for " + shipment.path("trackingNumber").asString())
                    .atMost(SETTLE)
                    .untilAsserted(() -> assertThat(easypost.findAll(postRequestedFor(urlEqualTo("/v2/trackers"))
                                    .withRequestBody(matchingJsonPath(
                                            "$.tracker.tracking_code",
                                            equalTo(shipment.path("trackingNumber")
                                                    .asString())))))
                            .hasSize(1));
        }
        assertThat(easypost.findAll(postRequestedFor(urlEqualTo("/v2/trackers"))))
                .hasSize(2);
    }

    // ---- the servers' journals ----

    /** Stripe's requests to a path whose form matches, answered or not. */
    private List<ServeEvent> stripe(String path, Predicate<Map<String, String>> form) {
        return stripe.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().replaceFirst("\\?.*", "").equals(path))
                .filter(e -> form.test(StripeMock.form(e.getRequest())))
                .toList();
    }

    private static List<ServeEvent> succeeded(List<ServeEvent> events) {
        return events.stream().filter(e -> e.getResponse().getStatus() == 200).toList();
    }

    private static List<String> keys(List<ServeEvent> events) {
        return events.stream()
                .map(e -> e.getRequest().getHeader("Idempotency-Key"))
                .distinct()
                .toList();
    }

    /** The PaymentIntents Stripe answered with. */
    private static List<String> intents(List<ServeEvent> events) {
        return succeeded(events).stream()
                .map(e -> JSON.readTree(e.getResponse().getBodyAsString())
                        .path("id")
                        .asString())
                .distinct()
                .toList();
    }

    /** AvaTax's transactions/create requests of a type and code. */
    private List<ServeEvent> avatax(String type, String code) {
        return avatax.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(AVATAX_CREATE))
                .filter(e -> {
                    JsonNode body = JSON.readTree(e.getRequest().getBodyAsString());
                    return body.path("type").asString().equals(type)
                            && body.path("code").asString().equals(code);
                })
                .toList();
    }

    /** The tax of AvaTax's answer by line number (L-{lineId}, C-{charge index}): jurisdiction, tax, rate, amount. */
    private static Map<String, List<String>> answeredTaxLines(ServeEvent quote) {
        Map<String, List<String>> tax = new TreeMap<>();
        for (JsonNode line :
                JSON.readTree(quote.getResponse().getBodyAsString()).path("lines")) {
            tax.put(
                    line.path("lineNumber").asString(),
                    line.path("details")
                            .valueStream()
                            .map(d -> taxLine(d.path("jurisName"), d.path("taxName"), d.path("rate"), d.path("tax")))
                            .toList());
        }
        return tax;
    }

    /** The order's tax lines by the line numbers of the quote. */
    private static Map<String, List<String>> orderTaxLines(JsonNode order) {
        Map<String, List<String>> tax = new TreeMap<>();
        order.path("lines").forEach(line -> tax.put("L-" + line.path("lineId").asString(), taxLines(line)));
        for (int c = 0; c < order.path("charges").size(); c++) {
            tax.put("C-" + c, taxLines(order.path("charges").get(c)));
        }
        return tax;
    }

    private static List<String> taxLines(JsonNode lineOrCharge) {
        return lineOrCharge
                .path("taxLines")
                .valueStream()
                .map(t -> taxLine(t.path("jurisdiction"), t.path("name"), t.path("rate"), t.path("amount")))
                .toList();
    }

    private static String taxLine(JsonNode jurisdiction, JsonNode name, JsonNode rate, JsonNode amount) {
        return jurisdiction.asString() + " " + name.asString() + " " + plain(rate) + " " + plain(amount);
    }

    private static String plain(JsonNode number) {
        return new BigDecimal(number.asString()).stripTrailingZeros().toPlainString();
    }

    private static String minor(String amount) {
        return new BigDecimal(amount).movePointRight(2).toBigIntegerExact().toString();
    }

    // ---- the hub's side ----

    /**
     * Acme's (accounts/sandbox) card order, paid with Stripe's test payment method: DG1 drills to Austin, stocked at
     * the hub-labelled WH-HUB; DG2 saws to Dallas, stocked at WMS-run WH-EAST; a delivery charge each.
     */
    private static String order(String ext) {
        return """
                {"externalOrderId": "%s", "channel": "b2b-portal", "orderedAt": "2026-11-02T09:30:00Z",
                 "currency": "USD", "taxMode": "NET", "poNumber": "4500012399",
                 "account": {"accountId": "ACME-01", "name": "Acme Tools Inc.", "taxId": "12-3456789"},
                 "buyer": {"name": "Riley Chen", "email": "riley@acme.example", "phone": "+1-555-0100"},
                 "payment": {"method": "CARD", "token": "pm_card_visa"},
                 "billTo": {"name": "Acme Tools Inc.", "line1": "1 Main St", "city": "Austin", "region": "TX",
                            "postalCode": "78701", "country": "US"},
                 "deliveryGroups": [
                   {"id": "DG1", "method": "GROUND",
                    "shipTo": {"name": "Acme DC", "line1": "9 Dock Rd", "city": "Austin", "region": "TX",
                               "postalCode": "78744", "country": "US"}},
                   {"id": "DG2", "method": "GROUND",
                    "shipTo": {"name": "Acme Dallas", "line1": "1 Elm St", "city": "Dallas", "region": "TX",
                               "postalCode": "75201", "country": "US"}}],
                 "lines": [
                   {"lineId": "1", "sku": "DRILL-18V", "description": "Cordless drill 18V", "quantity": 2,
                    "unitPrice": "129.00", "deliveryGroupId": "DG1"},
                   {"lineId": "2", "sku": "SAW-CIRC-7", "description": "Circular saw 7 1/4in", "quantity": 1,
                    "unitPrice": "89.00", "deliveryGroupId": "DG2"}],
                 "charges": [{"type": "DELIVERY", "amount": "20.00", "deliveryGroupId": "DG1"},
                             {"type": "DELIVERY", "amount": "10.00", "deliveryGroupId": "DG2"}]}""".formatted(ext);
    }

    /** Waits for CLOSED and the condition; fails at once when the order stops elsewhere. */
    private JsonNode awaitOrder(String id, Predicate<JsonNode> condition) {
        await("order " + id + " CLOSED")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode order = HubOrders.order(hub, id);
                    String status = order.path("status").asString();
                    assertThat(STOPPED).as("stopped: %s", order).doesNotContain(status);
                    assertThat(status).isEqualTo("CLOSED");
                    assertThat(condition).accepts(order);
                });
        return HubOrders.order(hub, id);
    }

    private static JsonNode fulfillmentOrder(JsonNode order, String location) {
        return order.path("fulfillmentOrders")
                .valueStream()
                .filter(fo -> fo.path("location").asString().equals(location))
                .reduce((a, b) -> {
                    throw new AssertionError("two fulfillment orders at " + location);
                })
                .orElseThrow(() -> new AssertionError("no fulfillment order at " + location + ": " + order));
    }

    /**
     * The hub with payment=stripe, tax=avatax and carrier=easypost as shipped, each at its test server by its
     * environment variables, the inventory of {@link EasyPostServer#writeInventory}, and its own database.
     */
    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            try {
                EasyPostServer.writeInventory(
                        Path.of(context.getEnvironment().getRequiredProperty("orderhub.connectors.dir")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestPropertyValues.of(
                            "spring.datasource.url=" + Postgres.newDatabase("allreal"),
                            // the partner folders and SFTP directory belong to the shared test context
                            "orderhub.files.enabled=false",
                            "orderhub.connectors.payment=stripe",
                            "orderhub.connectors.tax=avatax",
                            "orderhub.connectors.carrier=easypost",
                            "orderhub.connectors.inventory=" + EasyPostServer.INVENTORY,
                            "STRIPE_API_KEY=" + StripeMock.API_KEY,
                            "STRIPE_API_BASE=" + StripeMock.baseUrl(),
                            "AVATAX_ACCOUNT_ID=" + FakeAvaTax.ACCOUNT_ID,
                            "AVATAX_LICENSE_KEY=" + FakeAvaTax.LICENSE_KEY,
                            "AVATAX_COMPANY_CODE=" + FakeAvaTax.COMPANY_CODE,
                            "AVATAX_BASE_URL=" + FakeAvaTax.server().baseUrl(),
                            "EASYPOST_API_KEY=" + EasyPostServer.API_KEY,
                            "EASYPOST_WEBHOOK_SECRET=" + EasyPostServer.WEBHOOK_SECRET,
                            "EASYPOST_API_BASE=" + EasyPostServer.baseUrl())
                    .applyTo(context);
        }
    }
}
