package dev.orderhub.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.orderhub.connector.Connectors;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.pipeline.Pipeline;
import dev.orderhub.store.Orders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Card orders through the Stripe connector (connector type payment/stripe) against {@link StripeMock}: what each call
 * sends, a decline, a timeout, a 503 and a 429 with Retry-After (each asked again with the same Idempotency-Key, one
 * effect at Stripe), the circuit opening and closing, a crash right after Stripe answered, and the void of a
 * whole-order cancel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = StripeHub.Context.class)
@Import(StripeHub.class)
// its own context with its own database and connector: closed afterwards
@DirtiesContext
class StripeIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String INTENTS = "/v1/payment_intents";

    @LocalServerPort
    int port;

    @Autowired
    Connectors connectors;

    @Autowired
    Orders orders;

    @Autowired
    OrderValidator validator;

    @Autowired
    Pipeline pipeline;

    @Autowired
    DatabaseFaults faults;

    HubClient hub;
    WireMockServer stripe = StripeMock.server();

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void aCardOrderIsAuthorisedAndCapturedOnceAndCloses() {
        String ext = externalId("OK");
        String id = submit(newOrder(ext));

        JsonNode order = awaitStatus(id, "CLOSED");

        String total = order.path("totals").path("grandTotal").asString();
        String invoice = order.path("invoices").path(0).path("number").asString();
        List<ServeEvent> authorizations = authorizations(ext);
        assertThat(authorizations).hasSize(1);
        var authorize = authorizations.get(0).getRequest();
        assertThat(authorize.getHeader("Authorization")).isEqualTo("Bearer " + StripeMock.API_KEY);
        assertThat(authorize.getHeader("Idempotency-Key")).isEqualTo(id + ":authorize:" + key(total));
        assertThat(authorize.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(StripeMock.form(authorize))
                .containsEntry("amount", minor(total))
                .containsEntry("currency", "usd")
                .containsEntry("capture_method", "manual")
                .containsEntry("confirm", "true")
                .containsEntry("payment_method", "pm_card_visa")
                .containsEntry("metadata[order_id]", id)
                .containsEntry("metadata[external_order_id]", ext);
        String intent = intentOf(authorizations.get(0));

        List<ServeEvent> captures = served(INTENTS + "/" + intent + "/capture");
        assertThat(captures).hasSize(1);
        var capture = captures.get(0).getRequest();
        assertThat(capture.getHeader("Authorization")).isEqualTo("Bearer " + StripeMock.API_KEY);
        assertThat(capture.getHeader("Idempotency-Key")).isEqualTo(id + ":capture:" + invoice + ":" + key(total));
        assertThat(StripeMock.form(capture))
                .containsEntry("amount_to_capture", minor(total))
                .containsEntry("metadata[invoice_number]", invoice);
        assertThat(captures.get(0).getResponse().getStatus()).isEqualTo(200);
        assertThat(transactions(order))
                .containsExactly(
                        "AUTHORIZE APPROVED " + total + " " + intent, "CAPTURE APPROVED " + total + " " + intent);
    }

    /**
     * Two delivery groups, two shipments, two invoices: the first is captured on the authorisation, which Stripe then
     * refuses to capture again; the second is charged by a new intent off-session on the same payment method.
     */
    @Test
    void aSecondInvoiceIsChargedByANewIntent() {
        String ext = externalId("SPLIT");
        ObjectNode body = (ObjectNode) JSON.readTree(newOrder(ext));
        ObjectNode group = ((ObjectNode) body.path("deliveryGroups").path(0)).deepCopy();
        group.put("id", "DG2");
        ((ArrayNode) body.path("deliveryGroups")).add(group);
        ObjectNode line = ((ObjectNode) body.path("lines").path(0)).deepCopy();
        line.put("lineId", "2").put("deliveryGroupId", "DG2");
        ((ArrayNode) body.path("lines")).add(line);
        String id = submit(body.toString());

        JsonNode order = awaitStatus(id, "CLOSED");

        assertThat(order.path("invoices").size()).isEqualTo(2);
        String intent = intentOf(authorizations(ext).get(0));
        // both shipments' runs of the invoice step may ask, each key answered as at first (Stripe's idempotency)
        List<ServeEvent> captures = served(INTENTS + "/" + intent + "/capture");
        Map<String, Set<Integer>> answersByKey = captures.stream()
                .collect(Collectors.groupingBy(
                        e -> e.getRequest().getHeader("Idempotency-Key"),
                        Collectors.mapping(e -> e.getResponse().getStatus(), Collectors.toSet())));
        assertThat(answersByKey.values()).containsExactlyInAnyOrder(Set.of(200), Set.of(400));
        ServeEvent refused = captures.stream()
                .filter(e -> e.getResponse().getStatus() == 400)
                .findFirst()
                .orElseThrow();
        String key = refused.getRequest().getHeader("Idempotency-Key");
        List<ServeEvent> charges = served(INTENTS).stream()
                .filter(e -> (key + ":charge").equals(e.getRequest().getHeader("Idempotency-Key")))
                .toList();
        assertThat(charges).isNotEmpty();
        assertThat(charges.stream().map(StripeIT::intentOf).distinct())
                .as("intents charged")
                .hasSize(1);
        assertThat(StripeMock.form(charges.get(0).getRequest()))
                .containsEntry("off_session", "true")
                .containsEntry("confirm", "true")
                .containsEntry("payment_method", "pm_" + intent.substring(3))
                .containsEntry("amount", StripeMock.form(refused.getRequest()).get("amount_to_capture"))
                .containsEntry("metadata[order_id]", id)
                .doesNotContainKey("capture_method");
        assertThat(order.path("payment").path("captured").asString()).isEqualTo(total(order));
        assertThat(transactions(order))
                .contains("CAPTURE APPROVED " + captureAmount(captures, 200) + " " + intent)
                .contains("CAPTURE APPROVED " + captureAmount(captures, 400) + " " + intentOf(charges.get(0)));
    }

    private static String captureAmount(List<ServeEvent> captures, int status) {
        return captures.stream()
                .filter(e -> e.getResponse().getStatus() == status)
                .map(e -> new BigDecimal(StripeMock.form(e.getRequest()).get("amount_to_capture"))
                        .movePointLeft(2)
                        .toPlainString())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aCardErrorIsAPermanentDeclineNamingTheDeclineCode() {
        String ext = externalId("DECLINED");
        stripe.stubFor(forOrder(ext).willReturn(json(402, """
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                          "message": "Your card has insufficient funds.", "charge": "ch_3MmlLrLkdIwHu7ix0snN0B15",
                          "doc_url": "https://stripe.com/docs/error-codes/card-declined"}}""")));
        String id = submit(newOrder(ext));

        awaitStatus(id, "ON_HOLD");

        List<JsonNode> exceptions = exceptionsOf(id);
        assertThat(exceptions).hasSize(1);
        assertThat(exceptions.get(0).path("category").asString()).isEqualTo("PAYMENT");
        assertThat(exceptions.get(0).path("transientFailure").asBoolean()).isFalse();
        assertThat(exceptions.get(0).path("message").asString())
                .contains("HTTP 402")
                .contains("Your card has insufficient funds.")
                .contains("(insufficient_funds)");
        assertThat(authorizations(ext)).as("a decline is not asked again").hasSize(1);
    }

    @Test
    void aTimeoutIsAskedAgainWithTheSameKeyAndStripeActsOnce() {
        String ext = externalId("TIMEOUT");
        // Stripe acts, but answers after the connector's timeout (1 s)
        stripe.stubFor(firstTime(
                forOrder(ext),
                aResponse().withTransformers(StripeMock.Ledger.NAME).withFixedDelay(2500)));
        String id = submit(newOrder(ext));

        JsonNode order = awaitStatus(id, "CLOSED");

        assertAskedTwiceActedOnce(authorizations(ext), id + ":authorize:" + key(total(order)));
        assertJournalOfOneRetry(order, "TIMEOUT");
    }

    @Test
    void a503IsAskedAgainWithTheSameKeyAndStripeActsOnce() {
        String ext = externalId("503");
        stripe.stubFor(firstTime(forOrder(ext), json(503, """
                {"error": {"type": "api_error", "message": "An unknown error occurred"}}""")));
        String id = submit(newOrder(ext));

        JsonNode order = awaitStatus(id, "CLOSED");

        List<ServeEvent> authorizations = authorizations(ext);
        assertThat(authorizations).extracting(e -> e.getResponse().getStatus()).containsExactly(503, 200);
        assertAskedTwiceActedOnce(authorizations, id + ":authorize:" + key(total(order)));
        // Stripe answered: the journal says the attempt failed, not that it timed out
        assertJournalOfOneRetry(order, "FAILED");
        assertThat(order.path("payment")
                        .path("transactions")
                        .path(0)
                        .path("message")
                        .asString())
                .contains("HTTP 503");
    }

    @Test
    void a429IsAskedAgainAfterItsRetryAfter() {
        String ext = externalId("429");
        stripe.stubFor(firstTime(forOrder(ext), json(429, """
                        {"error": {"type": "invalid_request_error", "code": "rate_limit",
                          "message": "Too many requests hit the API too quickly."}}""").withHeader("Retry-After", "1")));
        String id = submit(newOrder(ext));

        awaitStatus(id, "CLOSED");

        List<ServeEvent> authorizations = authorizations(ext);
        assertThat(authorizations).extracting(e -> e.getResponse().getStatus()).containsExactly(429, 200);
        long waited = authorizations.get(1).getRequest().getLoggedDate().getTime()
                - authorizations.get(0).getRequest().getLoggedDate().getTime();
        assertThat(waited)
                .as("ms between the 429 and the next request (backoff alone: 50 ms)")
                .isGreaterThanOrEqualTo(900);
    }

    /**
     * The test's circuit opens when the last 4 calls failed: the step's 3 attempts and the first automatic retry.
     * While it is open the automatic retries fail at once without reaching Stripe (the order waits, its exception
     * transient); once it has been open for openMs the next automatic retry gets through and the order goes on, with
     * no operator.
     */
    @Test
    void theCircuitOpensAfterFailuresFailsFastAndClosesAgainByItself() {
        String ext = externalId("CIRCUIT");
        StubMapping down = stripe.stubFor(forOrder(ext).willReturn(json(503, """
                {"error": {"type": "api_error", "message": "An unknown error occurred"}}""")));
        String id = submit(newOrder(ext));

        awaitStatus(id, "ON_HOLD");
        await("the first automatic retry reached Stripe and opened the circuit")
                .atMost(SETTLE)
                .until(() -> authorizations(ext).size() == 4
                        && "OPEN".equals(connectors.policy("payment").circuitState()));
        String number = exceptionsOf(id).get(0).path("number").asString();
        int attempts = exceptionsOf(id).get(0).path("attempts").asInt();
        // a retry releases the hold while its step runs: wait for one that failed on the open circuit and held again
        await("automatic retries while the circuit is open fail at once and hold the order again")
                .atMost(SETTLE)
                .until(() -> {
                    JsonNode exception = exceptionsOf(id).get(0);
                    return exception.path("attempts").asInt() > attempts
                            && exception.path("message").asString().contains("OPEN")
                            && "ON_HOLD".equals(status(id));
                });
        assertThat(authorizations(ext)).as("open: no call reached Stripe").hasSize(4);
        JsonNode exception = exceptionsOf(id).get(0);
        assertThat(exception.path("number").asString()).isEqualTo(number);
        assertThat(exception.path("transientFailure").asBoolean()).isTrue();

        stripe.removeStub(down);
        awaitStatus(id, "CLOSED");
        assertThat(authorizations(ext))
                .as("one call got through the half-open circuit")
                .hasSize(5);
        assertThat(connectors.policy("payment").circuitState()).isEqualTo("CLOSED");
        assertThat(exceptionsOf(id).get(0).path("status").asString()).isEqualTo("RESOLVED");
    }

    /** The hub's first write after each answer (the call's outcome) fails: it asks again with the same key. */
    @Test
    void aCrashAfterStripeAnsweredAsksAgainWithTheSameKeyAndStripeActsOnce() {
        String ext = externalId("CRASH");
        String id = orders.create(
                        validator.parse(newOrder(ext).getBytes(StandardCharsets.UTF_8)), Source.of("test", ext))
                .id();
        faults.failAfterEachAnswer(id, 1);
        pipeline.drive(id);

        JsonNode order = awaitStatus(id, "CLOSED");

        String total = total(order);
        String invoice = order.path("invoices").path(0).path("number").asString();
        String authorizeKey = id + ":authorize:" + key(total);
        String captureKey = id + ":capture:" + invoice + ":" + key(total);
        assertThat(faults.failedWritesOf(id))
                .extracting(DatabaseFaults.FailedWrite::idempotencyKey)
                .containsExactly(authorizeKey, captureKey);
        List<ServeEvent> authorizations = authorizations(ext);
        assertAskedTwiceActedOnce(authorizations, authorizeKey);
        assertAskedTwiceActedOnce(served(INTENTS + "/" + intentOf(authorizations.get(0)) + "/capture"), captureKey);
        assertThat(transactions(order)).hasSize(2).allMatch(t -> t.contains("APPROVED " + total));
    }

    @Test
    void cancellingAnAuthorisedOrderVoidsItsAuthorisation() {
        String ext = externalId("CANCEL");
        // ship-tos named HOLD … are not shipped by the sandbox ERP: the order stays allocated, nothing captured
        String id = submit(newOrder(ext).replace("\"name\": \"Acme DC\"", "\"name\": \"HOLD Acme DC\""));
        JsonNode allocated = awaitStatus(id, "ALLOCATED");
        String total = total(allocated);
        String intent = intentOf(authorizations(ext).get(0));

        JsonNode cancelled = JSON.readTree(hub.post("/api/orders/" + id + "/cancel", HubTestContext.OPERATOR_KEY, "{}")
                .body());

        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        List<ServeEvent> voids = served(INTENTS + "/" + intent + "/cancel");
        assertThat(voids).hasSize(1);
        assertThat(voids.get(0).getRequest().getHeader("Idempotency-Key")).isEqualTo(id + ":void:" + key(total));
        assertThat(StripeMock.form(voids.get(0).getRequest()))
                .containsEntry("cancellation_reason", "requested_by_customer");
        assertThat(JSON.readTree(voids.get(0).getResponse().getBodyAsString())
                        .path("status")
                        .asString())
                .isEqualTo("canceled");
        assertThat(transactions(order(id))).contains("VOID APPROVED " + total + " " + intent);
        assertThat(served(INTENTS + "/" + intent + "/capture")).isEmpty();
    }

    // ---- Stripe's side ------------------------------------------------------------------------------------------

    private static MappingBuilder forOrder(String ext) {
        return post(urlPathEqualTo(INTENTS))
                .withFormParam("metadata[external_order_id]", equalTo(ext))
                .atPriority(1);
    }

    /** The first request gets this answer; the next ones Stripe's own (a WireMock scenario). */
    private static MappingBuilder firstTime(MappingBuilder stub, ResponseDefinitionBuilder answer) {
        return stub.inScenario("first time " + UUID.randomUUID())
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answered")
                .willReturn(answer);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** The requests to a path, oldest first. */
    private List<ServeEvent> served(String path) {
        return stripe.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().replaceFirst("\\?.*", "").equals(path))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
    }

    private List<ServeEvent> authorizations(String ext) {
        return served(INTENTS).stream()
                .filter(e -> ext.equals(StripeMock.form(e.getRequest()).get("metadata[external_order_id]")))
                .toList();
    }

    private static String intentOf(ServeEvent answered) {
        return JSON.readTree(answered.getResponse().getBodyAsString())
                .path("id")
                .asString();
    }

    /** Two requests with the same key, and every answer of Stripe names one and the same object. */
    private static void assertAskedTwiceActedOnce(List<ServeEvent> requests, String key) {
        assertThat(requests).hasSize(2);
        assertThat(requests)
                .extracting(e -> e.getRequest().getHeader("Idempotency-Key"))
                .containsOnly(key);
        assertThat(requests.stream()
                        .filter(e -> e.getResponse().getStatus() == 200)
                        .map(StripeIT::intentOf)
                        .distinct())
                .as("objects Stripe made")
                .hasSize(1);
    }

    // ---- the hub's side -----------------------------------------------------------------------------------------

    private static String externalId(String what) {
        return "STRIPE-" + what + "-" + UUID.randomUUID();
    }

    /** README's order with one drill, paid by Stripe's test payment method. */
    private static String newOrder(String ext) {
        String body = SampleOrders.withExternalId(ext)
                .replace("\"quantity\": 4", "\"quantity\": 1")
                .replace("\"tok_visa\"", "\"pm_card_visa\"");
        assertThat(body).contains("pm_card_visa").contains("\"quantity\": 1");
        return body;
    }

    private String submit(String body) {
        var response = hub.post("/api/orders", HubTestContext.INGEST_KEY, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode order(String id) {
        return JSON.readTree(
                hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).body());
    }

    private String status(String id) {
        return order(id).path("status").asString();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await("order " + id + " " + status)
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> order(id), o -> status.equals(o.path("status").asString()));
    }

    private List<JsonNode> exceptionsOf(String id) {
        return JSON.readTree(hub.get("/api/process-exceptions?orderId=" + id, HubTestContext.OPERATOR_KEY)
                        .body())
                .path("items")
                .valueStream()
                .toList();
    }

    private void retry(String number) {
        hub.post(
                "/api/process-exceptions/" + number + "/retry",
                HubTestContext.OPERATOR_KEY,
                JSON.writeValueAsString(Map.of("note", "Stripe again")));
    }

    private static String total(JsonNode order) {
        return order.path("totals").path("grandTotal").asString();
    }

    /** An amount as idempotency keys write it. */
    private static String key(String amount) {
        return new BigDecimal(amount).stripTrailingZeros().toPlainString();
    }

    private static String minor(String amount) {
        return new BigDecimal(amount).movePointRight(2).toBigIntegerExact().toString();
    }

    /** The payment journal of an order whose authorisation failed once (with this outcome), then went through. */
    private static void assertJournalOfOneRetry(JsonNode order, String firstOutcome) {
        String total = total(order);
        String intent = order.path("payment").path("reference").asString();
        assertThat(transactions(order))
                .containsExactly(
                        "AUTHORIZE " + firstOutcome + " " + total + " -",
                        "AUTHORIZE APPROVED " + total + " " + intent,
                        "CAPTURE APPROVED " + total + " " + intent);
    }

    private static List<String> transactions(JsonNode order) {
        return order.path("payment")
                .path("transactions")
                .valueStream()
                .map(t -> t.path("kind").asString() + " " + t.path("outcome").asString() + " "
                        + t.path("amount").asString() + " "
                        + t.path("reference").asString("-"))
                .toList();
    }
}
