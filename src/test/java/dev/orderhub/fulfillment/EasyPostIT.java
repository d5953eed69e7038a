package dev.orderhub.fulfillment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.orderhub.fulfillment.EasyPostServer.error;
import static dev.orderhub.fulfillment.EasyPostServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.orderhub.connector.Connectors;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The EasyPost carrier connector against a stand-in shaped after EasyPost's API: a hub whose inventory has a location
 * with {@code labels: hub} (WH-HUB, DRILL-18V) beside a WMS-run one (WH-EAST, SAW-CIRC-7 shipped by the sandbox ERP).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EasyPostIT.Context.class)
@Import(EasyPostIT.Faults.class)
// its own context with its own database: closed afterwards, so that nothing of it keeps running beside the shared one
@DirtiesContext
class EasyPostIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Set<String> SETTLED = Set.of("CLOSED", "ON_HOLD", "REJECTED", "CANCELLED");
    private static final WireMockServer EASYPOST = EasyPostServer.server();
    /** The published schemas as a consumer resolves them, from the classpath. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(ids -> ids.mapPrefix("https://orderhub.dev/schema/", "classpath:schema/")));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Connectors connectors;

    @Autowired
    LabelOutcomeFault fault;

    private HubClient hub;

    @BeforeEach
    void resetEasyPost() {
        hub = new HubClient(port);
        EASYPOST.resetAll();
        EasyPostServer.trackers();
        closeTheCircuit();
        EASYPOST.resetRequests();
    }

    @Test
    void hubLabelIsBoughtAtTheCheapestRateOfTheServiceAndTheOrderCloses() {
        EasyPostServer.shipment("happy");

        String id = submit(hubOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .as(() -> "unmatched at EasyPost: " + EASYPOST.findAllUnmatchedRequests())
                .isEqualTo("CLOSED");
        JsonNode fo = HubOrders.order(hub, id).path("fulfillmentOrders").get(0);
        assertThat(fo.path("location").asString()).isEqualTo("WH-HUB");
        JsonNode shipment = fo.path("shipments").get(0);
        assertThat(shipment.path("id").asString()).isEqualTo("shp_happy");
        assertThat(shipment.path("carrier").asString()).isEqualTo("UPSDAP");
        assertThat(shipment.path("service").asString()).isEqualTo("Ground");
        assertThat(shipment.path("trackingNumber").asString()).isEqualTo("EZhappy");
        assertThat(shipment.path("labelUrl").asString()).endsWith("/shp_happy.png");
        assertThat(shipment.path("status").asString()).isEqualTo("SHIPPED");
        String basic = "Basic "
                + Base64.getEncoder().encodeToString((EasyPostServer.API_KEY + ":").getBytes(StandardCharsets.UTF_8));
        EASYPOST.verify(
                exactly(1),
                postRequestedFor(urlEqualTo("/v2/shipments"))
                        .withHeader("Authorization", equalTo(basic))
                        .withRequestBody(matchingJsonPath("$.shipment.to_address.street1", equalTo("9 Dock Rd")))
                        .withRequestBody(matchingJsonPath("$.shipment.to_address.zip", equalTo("78744")))
                        .withRequestBody(matchingJsonPath("$.shipment.from_address.street1", equalTo("1 Hub Way")))
                        .withRequestBody(matchingJsonPath("$.shipment.parcel.weight"))
                        .withRequestBody(matchingJsonPath(
                                "$.shipment.reference",
                                equalTo(id + ":carrier-shipment:"
                                        + fo.path("id").asString() + ":0"))));
        // the cheapest rate of service Ground, not the cheapest of all
        EASYPOST.verify(
                exactly(1),
                postRequestedFor(urlEqualTo("/v2/shipments/shp_happy/buy"))
                        .withHeader("Authorization", equalTo(basic))
                        .withRequestBody(equalToJson("{\"rate\": {\"id\": \"rate_upsdap_ground\"}}")));
        EASYPOST.verify(
                exactly(1),
                postRequestedFor(urlEqualTo("/v2/trackers"))
                        .withRequestBody(equalToJson(
                                "{\"tracker\": {\"tracking_code\": \"EZhappy\", \"carrier\": \"UPSDAP\"}}")));
        assertThat(trackerOf(fo.path("id").asString(), "shp_happy")).isEqualTo("trk_test");
        assertThat(outboxTypes(id)).contains("orderhub.shipment.created").doesNotContain("orderhub.shipment.delivered");
    }

    @Test
    void everyShipmentGetsATrackerAndTheWebhookRecordsItsStatusAndDelivery() {
        String id = submit(wmsOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("CLOSED");
        JsonNode fo = HubOrders.order(hub, id).path("fulfillmentOrders").get(0);
        assertThat(fo.path("location").asString()).isEqualTo("WH-EAST");
        JsonNode shipment = fo.path("shipments").get(0);
        String tracking = shipment.path("trackingNumber").asString();
        assertThat(tracking).startsWith("1ZSBX");
        await().atMost(SETTLE)
                .untilAsserted(() -> EASYPOST.verify(
                        exactly(1),
                        postRequestedFor(urlEqualTo("/v2/trackers"))
                                .withRequestBody(matchingJsonPath("$.tracker.tracking_code", equalTo(tracking)))
                                .withRequestBody(matchingJsonPath("$.tracker.carrier", equalTo("SANDBOX-PARCEL")))));
        await().atMost(SETTLE)
                .until(
                        () -> trackerOf(
                                fo.path("id").asString(), shipment.path("id").asString()),
                        "trk_test"::equals);

        assertThat(webhook(trackerUpdated(tracking, "in_transit", null), WEBHOOK_SECRET_SIGNATURE)
                        .statusCode())
                .isEqualTo(200);
        JsonNode inTransit = shipmentOf(id);
        assertThat(inTransit.path("trackingStatus").asString()).isEqualTo("in_transit");
        assertThat(inTransit.path("status").asString()).isEqualTo("SHIPPED");

        String delivered = trackerUpdated(tracking, "delivered", "2026-11-12T15:04:00Z");
        HttpResponse<String> answered = webhook(delivered, WEBHOOK_SECRET_SIGNATURE);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode done = shipmentOf(id);
        assertThat(done.path("trackingStatus").asString()).isEqualTo("delivered");
        assertThat(done.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(done.path("deliveredAt").asString()).isEqualTo("2026-11-12T15:04:00Z");
        // EasyPost sends an event again when it is not sure it was received: it counts once
        assertThat(webhook(delivered, WEBHOOK_SECRET_SIGNATURE).statusCode()).isEqualTo(200);
        List<String> events = outboxPayloads(id, "orderhub.shipment.delivered");
        assertThat(events).hasSize(1);
        JsonNode event = JSON.readTree(events.get(0));
        assertThat(SCHEMAS.getSchema(SchemaLocation.of("classpath:schema/events/cloudevent.json"))
                        .validate(event))
                .as("the event against its published schema")
                .isEmpty();
        assertThat(event.path("type").asString()).isEqualTo("orderhub.shipment.delivered");
        assertThat(event.path("subject").asString()).isEqualTo(id);
        assertThat(event.path("data").path("status").asString()).isEqualTo("DELIVERED");
        assertThat(event.path("data").path("trackingNumber").asString()).isEqualTo(tracking);
    }

    @Test
    void aTrackerEasyPostCannotMakeNowIsAskedForAgainLaterAndTheShipmentStands() {
        EASYPOST.stubFor(post(urlEqualTo("/v2/trackers"))
                .atPriority(1)
                .willReturn(error(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable")));

        String id = submit(wmsOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("CLOSED");
        JsonNode shipment = shipmentOf(id);
        String fo = shipment.path("fulfillmentOrderId").asString();
        assertThat(EASYPOST.findAll(postRequestedFor(urlEqualTo("/v2/trackers"))
                        .withRequestBody(matchingJsonPath(
                                "$.tracker.tracking_code",
                                equalTo(shipment.path("trackingNumber").asString())))))
                .as("asked, retried by the connector's policy")
                .hasSizeBetween(1, 3);
        assertThat(trackerOf(fo, shipment.path("id").asString())).isNull();

        EASYPOST.resetAll();
        EasyPostServer.trackers();
        // route lifecycle-trackers asks again, with the same key, once the shipment has waited a while
        await().atMost(Duration.ofSeconds(90))
                .until(() -> trackerOf(fo, shipment.path("id").asString()), "trk_test"::equals);
        assertThat(status(id)).isEqualTo("CLOSED");
        closeTheCircuit();
    }

    @Test
    void aTrackerEasyPostRefusesIsNotedAndNotAskedForAgain() {
        EASYPOST.stubFor(post(urlEqualTo("/v2/trackers"))
                .atPriority(1)
                .willReturn(error(422, "TRACKER.INVALID_PARAMS", "Invalid tracking code")));

        String id = submit(wmsOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("CLOSED");
        JsonNode shipment = shipmentOf(id);
        String error = await().atMost(SETTLE)
                .until(
                        () -> jdbc.sql("SELECT tracker_error FROM shipments WHERE order_id = :id")
                                .param("id", id)
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        e -> e != null);
        assertThat(error).contains("HTTP 422").contains("TRACKER.INVALID_PARAMS");
        EASYPOST.verify(
                exactly(1),
                postRequestedFor(urlEqualTo("/v2/trackers"))
                        .withRequestBody(matchingJsonPath(
                                "$.tracker.tracking_code",
                                equalTo(shipment.path("trackingNumber").asString()))));
    }

    @Test
    void aWebhookWithABadOrMissingSignatureIsRefusedWithoutAnApiKeyAndChangesNothing() {
        String body = trackerUpdated("EZ-UNKNOWN", "delivered", "2026-11-12T15:04:00Z");

        HttpResponse<String> missing = hub.post(
                "/api/carriers/easypost/events",
                HttpRequest.newBuilder()
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("X-Hmac-Signature");

        assertThat(webhook(body, "hmac-sha256-hex=" + "00".repeat(32)).statusCode())
                .isEqualTo(401);
        assertThat(webhook(body, EasyPostSignature.sign(body.getBytes(StandardCharsets.UTF_8), "another-secret"))
                        .statusCode())
                .isEqualTo(401);
        // signed right: no API key needed
        assertThat(webhook(body, WEBHOOK_SECRET_SIGNATURE).statusCode()).isEqualTo(200);
    }

    @Test
    void aValidationErrorIsPermanentAndNotRetried() {
        EASYPOST.stubFor(post(urlEqualTo("/v2/shipments")).willReturn(json(422, """
                        {"error": {"code": "ADDRESS.VERIFY.FAILURE", "message": "Address not found",
                                   "errors": [{"field": "street1", "message": "House number is missing",
                                               "suggestion": null}]}}""")));

        String id = submit(hubOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("ON_HOLD");
        JsonNode exception =
                HubOrders.order(hub, id).path("activeProcessExceptions").get(0);
        assertThat(exception.path("category").asString()).isEqualTo("FULFILLMENT");
        assertThat(exception.path("message").asString())
                .contains("HTTP 422")
                .contains("Address not found")
                .contains("ADDRESS.VERIFY.FAILURE");
        EASYPOST.verify(exactly(1), postRequestedFor(urlEqualTo("/v2/shipments")));
        EASYPOST.verify(exactly(0), postRequestedFor(urlEqualTo("/v2/trackers")));
    }

    @Test
    void a503AndATimeoutAreRetriedAndTheLabelIsBoughtOnce() {
        EasyPostServer.shipment("flaky");
        // the first create finds EasyPost unavailable
        EASYPOST.stubFor(post(urlEqualTo("/v2/shipments"))
                .atPriority(1)
                .inScenario("unavailable")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up")
                .willReturn(error(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable")));
        // the first purchase is made, but its answer comes after the hub stopped waiting
        EASYPOST.stubFor(post(urlEqualTo("/v2/shipments/shp_flaky/buy"))
                .atPriority(1)
                .inScenario("shipment flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("bought")
                .willReturn(
                        json(200, EasyPostServer.bought("shp_flaky", "flaky")).withFixedDelay(2500)));

        String id = submit(hubOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("CLOSED");
        EASYPOST.verify(exactly(2), postRequestedFor(urlEqualTo("/v2/shipments")));
        EASYPOST.verify(exactly(1), postRequestedFor(urlEqualTo("/v2/shipments/shp_flaky/buy")));
        // asked again with the same Shipment, which EasyPost answers with the label it bought
        EASYPOST.verify(exactly(2), getRequestedFor(urlEqualTo("/v2/shipments/shp_flaky")));
        assertThat(shipmentOf(id).path("trackingNumber").asString()).isEqualTo("EZflaky");
    }

    @Test
    void aLabelAConcurrentRunBoughtFirstIsReadBackNotBoughtAgain() {
        EasyPostServer.shipment("raced");
        // between this run's read and its purchase, another run bought the label
        EASYPOST.stubFor(post(urlEqualTo("/v2/shipments/shp_raced/buy"))
                .atPriority(1)
                .inScenario("shipment raced")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("bought")
                .willReturn(error(422, "SHIPMENT.POSTAGE.EXISTS", "Postage already exists for this shipment.")));

        String id = submit(hubOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("CLOSED");
        EASYPOST.verify(exactly(1), postRequestedFor(urlEqualTo("/v2/shipments/shp_raced/buy")));
        // asked again: the read finds the label bought, and the hub records it
        EASYPOST.verify(exactly(2), getRequestedFor(urlEqualTo("/v2/shipments/shp_raced")));
        assertThat(shipmentOf(id).path("trackingNumber").asString()).isEqualTo("EZraced");
    }

    @Test
    void rateLimitedIsRetriedAfterWhatRetryAfterAsks() {
        EasyPostServer.shipment("limited");
        EASYPOST.stubFor(post(urlEqualTo("/v2/shipments"))
                .atPriority(1)
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("allowed")
                .willReturn(error(429, "RATE_LIMITED", "Too many requests").withHeader("Retry-After", "2")));

        String id = submit(hubOrder());

        assertThat(await().atMost(SETTLE).until(() -> status(id), SETTLED::contains))
                .isEqualTo("CLOSED");
        List<LoggedRequest> creates = EASYPOST.findAll(postRequestedFor(urlEqualTo("/v2/shipments"))
                .withRequestBody(matchingJsonPath("$.shipment.reference", containing(id + ":"))));
        assertThat(creates).hasSize(2);
        Duration waited = Duration.between(
                creates.get(0).getLoggedDate().toInstant(),
                creates.get(1).getLoggedDate().toInstant());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        EASYPOST.verify(exactly(1), postRequestedFor(urlEqualTo("/v2/shipments/shp_limited/buy")));
    }

    @Test
    void theCircuitOpensOnRepeatedFailuresRefusesAtOnceThenClosesOnceEasyPostAnswers() {
        EASYPOST.stubFor(post(urlEqualTo("/v2/trackers"))
                .atPriority(1)
                .willReturn(error(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable")));
        Map<String, Object> request =
                Map.of("idempotencyKey", "circuit:track", "trackingCode", "EZ-CIRCUIT", "carrier", "USPS");

        await().atMost(SETTLE)
                .until(
                        () -> {
                            try {
                                connectors.ask("carrier", "track", request);
                            } catch (RuntimeException expected) {
                                // 503s, retried, then given up
                            }
                            return connectors.policy("carrier").circuitState();
                        },
                        "OPEN"::equals);
        int asked =
                EASYPOST.findAll(postRequestedFor(urlEqualTo("/v2/trackers"))).size();
        assertThatThrownBy(() -> connectors.ask("carrier", "track", request))
                .isInstanceOf(CallNotPermittedException.class);
        assertThat(EASYPOST.findAll(postRequestedFor(urlEqualTo("/v2/trackers"))))
                .as("no request while the circuit is open")
                .hasSize(asked);

        EASYPOST.resetAll();
        EasyPostServer.trackers();
        String tracker = await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(CallNotPermittedException.class)
                .until(
                        () -> connectors
                                .ask("carrier", "track", request)
                                .path("reference")
                                .asString(),
                        "trk_test"::equals);
        assertThat(tracker).isEqualTo("trk_test");
        assertThat(connectors.policy("carrier").circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void aCrashAfterEasyPostSoldTheLabelBuysNoSecondOne() {
        EasyPostServer.shipment("crash");
        fault.arm();

        String id = submit(hubOrder());

        await().atMost(SETTLE).until(() -> !fault.failedKeys().isEmpty());
        assertThat(fault.failedKeys()).singleElement().asString().startsWith(id + ":label:");
        String settled = await().atMost(SETTLE).until(() -> status(id), SETTLED::contains);
        if ("ON_HOLD".equals(settled)) {
            // the failed step's process exception, retried as an operator would
            JsonNode exception =
                    HubOrders.order(hub, id).path("activeProcessExceptions").get(0);
            assertThat(hub.post(
                                    "/api/process-exceptions/"
                                            + exception.path("number").asString() + "/retry",
                                    HubTestContext.OPERATOR_KEY,
                                    "{\"note\": \"database back\"}")
                            .statusCode())
                    .isEqualTo(202);
        }
        assertThat(await().atMost(SETTLE).until(() -> status(id), "CLOSED"::equals))
                .isEqualTo("CLOSED");
        EASYPOST.verify(exactly(1), postRequestedFor(urlEqualTo("/v2/shipments/shp_crash/buy")));
        JsonNode fo = HubOrders.order(hub, id).path("fulfillmentOrders").get(0);
        assertThat(fo.path("shipments")).hasSize(1);
        assertThat(fo.path("shipments").get(0).path("trackingNumber").asString())
                .isEqualTo("EZcrash");
    }

    // ---- helpers ----

    /** Failed calls may have opened the carrier's circuit: it is closed again by a call that succeeds. */
    private void closeTheCircuit() {
        Map<String, Object> request =
                Map.of("idempotencyKey", "close:track", "trackingCode", "EZ-CLOSE", "carrier", "USPS");
        await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(CallNotPermittedException.class)
                .until(
                        () -> {
                            connectors.ask("carrier", "track", request);
                            return connectors.policy("carrier").circuitState();
                        },
                        "CLOSED"::equals);
    }

    private static final String WEBHOOK_SECRET_SIGNATURE = "sign";

    private HttpResponse<String> webhook(String body, String signature) {
        String header = WEBHOOK_SECRET_SIGNATURE.equals(signature)
                ? EasyPostSignature.sign(body.getBytes(StandardCharsets.UTF_8), EasyPostServer.WEBHOOK_SECRET)
                : signature;
        return hub.post(
                "/api/carriers/easypost/events",
                HttpRequest.newBuilder()
                        .header("Content-Type", "application/json")
                        .header(EasyPostSignature.HEADER, header)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** EasyPost's Event for a tracker's update: {@code result} is the Tracker. */
    private static String trackerUpdated(String trackingCode, String status, String deliveredAt) {
        String details = deliveredAt == null ? "" : """
                  {"object": "TrackingDetail", "message": "Delivered", "status": "delivered",
                   "datetime": "%s", "source": "UPS"}""".formatted(deliveredAt);
        return """
                {"object": "Event", "id": "evt_%s", "mode": "test", "description": "tracker.updated",
                 "created_at": "2026-11-12T15:05:00Z",
                 "result": {"id": "trk_test", "object": "Tracker", "mode": "test", "tracking_code": "%s",
                            "status": "%s", "carrier": "UPS", "tracking_details": [%s]},
                 "pending_urls": [], "completed_urls": []}""".formatted(UUID.randomUUID().toString().replace("-", ""), trackingCode, status, details);
    }

    private String submit(String order) {
        HttpResponse<String> response = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private static String hubOrder() {
        return SampleOrders.withExternalId("EP-" + UUID.randomUUID());
    }

    private static String wmsOrder() {
        return hubOrder().replace("\"DRILL-18V\"", "\"SAW-CIRC-7\"");
    }

    private String status(String id) {
        return HubOrders.order(hub, id).path("status").asString();
    }

    private JsonNode shipmentOf(String id) {
        return HubOrders.order(hub, id)
                .path("fulfillmentOrders")
                .get(0)
                .path("shipments")
                .get(0);
    }

    private String trackerOf(String fulfillmentOrderId, String shipmentId) {
        return jdbc.sql("SELECT tracker_id FROM shipments WHERE fulfillment_order_id = :fo AND id = :id")
                .param("fo", fulfillmentOrderId)
                .param("id", shipmentId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private List<String> outboxTypes(String orderId) {
        return jdbc.sql("SELECT type FROM outbox WHERE subject = :id")
                .param("id", orderId)
                .query(String.class)
                .list();
    }

    private List<String> outboxPayloads(String orderId, String type) {
        return jdbc.sql("SELECT payload FROM outbox WHERE subject = :id AND type = :type")
                .param("id", orderId)
                .param("type", type)
                .query(String.class)
                .list();
    }

    /** The database fault the crash test arms. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Faults {
        @Bean
        static LabelOutcomeFault labelOutcomeFault() {
            return new LabelOutcomeFault();
        }
    }

    /**
     * The hub's properties: EasyPost as the carrier at the stand-in, an inventory with a location whose labels the
     * hub buys, and a database of its own.
     */
    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            Path connectorsDir = Path.of(context.getEnvironment().getRequiredProperty("orderhub.connectors.dir"));
            try {
                EasyPostServer.writeInventory(connectorsDir);
                // the shipped file with a small circuit and quick retries, so that a test sees it open and close
                String shipped = Files.readString(Path.of("connectors", "carrier", "easypost.yaml"));
                Files.writeString(
                        connectorsDir.resolve("carrier").resolve("easypost-test.yaml"),
                        shipped.substring(0, shipped.indexOf("retry:")) + """
                                retry:
                                  attempts: 3
                                  firstDelayMs: 20
                                  maxDelayMs: 100
                                  maxRetryAfterMs: 5000
                                circuitBreaker:
                                  failureRateThreshold: 80
                                  slidingWindowSize: 10
                                  minimumCalls: 10
                                  openMs: 5000
                                  halfOpenCalls: 1
                                """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestPropertyValues.of(
                            "spring.datasource.url=" + Postgres.newDatabase("easypost"),
                            // the partner folders and SFTP directory belong to the shared test context
                            "orderhub.files.enabled=false",
                            "orderhub.connectors.carrier=easypost-test",
                            "orderhub.connectors.inventory=" + EasyPostServer.INVENTORY,
                            "EASYPOST_API_KEY=" + EasyPostServer.API_KEY,
                            "EASYPOST_WEBHOOK_SECRET=" + EasyPostServer.WEBHOOK_SECRET,
                            "EASYPOST_API_BASE=" + EasyPostServer.baseUrl(),
                            "EASYPOST_TIMEOUT_MS=1000")
                    .applyTo(context);
        }
    }
}
