package dev.orderhub.fulfillment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ERP connector type http (connectors/erp/http.yaml) against an ERP stand-in on WireMock: each fulfillment order is
 * POSTed as the JMS contract's JSON with its outbox message id as Idempotency-Key; a 503 is sent again by the relay
 * with the same key, a 400 parks the message as a process exception; the ERP's confirmations on
 * {@code POST /api/erp/confirmations} ship and close the order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ErpOverHttpIT.Context.class)
// its own context with its own database: closed afterwards, so that nothing of it keeps running beside the shared one
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ErpOverHttpIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/erp/fulfillment-orders";
    private static final String TOKEN = "test-erp-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final WireMockServer ERP = erp();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void aFulfillmentOrderIsPostedAsJsonWithItsMessageIdAsIdempotencyKey() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String orderId = postOrder(externalOrderId);

        LoggedRequest request = awaitPosts(externalOrderId, 1).get(0);

        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("orderId").asString()).isEqualTo(orderId);
        assertThat(body.path("externalOrderId").asString()).isEqualTo(externalOrderId);
        assertThat(body.path("location").asString()).isEqualTo("WH-EAST");
        assertThat(body.path("shipTo").path("postalCode").asString()).isEqualTo("78744");
        assertThat(body.path("lines").get(0).path("sku").asString()).isEqualTo("DRILL-18V");
        assertThat(body.path("lines").get(0).path("quantity").asInt()).isEqualTo(4);
        assertThat(body.has("action")).isFalse();
        String fulfillmentOrderId = body.path("fulfillmentOrderId").asString();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(messageId(fulfillmentOrderId));
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("Orderhub-Message-Type")).isEqualTo("fulfillment-order");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("orderhubFulfillmentOrderId")).isEqualTo(fulfillmentOrderId);
    }

    @Test
    void aCancellationIsPostedAsItsOwnMessageType() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String orderId = postOrder(externalOrderId);
        LoggedRequest exported = awaitPosts(externalOrderId, 1).get(0);

        HttpResponse<String> canceled = hub.post(
                "/api/orders/" + orderId + "/cancel", HubTestContext.OPERATOR_KEY, "{\"reason\": \"buyer withdrew\"}");
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);

        LoggedRequest cancellation = awaitPosts(externalOrderId, 2).get(1);
        JsonNode body = JSON.readTree(cancellation.getBodyAsString());
        assertThat(body.path("action").asString()).isEqualTo("CANCEL");
        assertThat(body.path("lines").get(0).path("quantity").asInt()).isEqualTo(4);
        assertThat(cancellation.getHeader("Orderhub-Message-Type")).isEqualTo("fulfillment-order.cancel");
        assertThat(cancellation.getHeader("Idempotency-Key"))
                .isNotBlank()
                .isNotEqualTo(exported.getHeader("Idempotency-Key"));
    }

    @Test
    void aPostAnsweredWith503IsSentAgainWithTheSameKeyAndOnlyOnceAccepted() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String scenario = "busy " + externalOrderId;
        ERP.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.externalOrderId", equalTo(externalOrderId)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"warehouse system busy\",\"code\":\"BUSY\"}"))
                .willSetStateTo("accepting"));
        ERP.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.externalOrderId", equalTo(externalOrderId)))
                .inScenario(scenario)
                .whenScenarioStateIs("accepting")
                .willReturn(aResponse().withStatus(202).withBody("{}")));

        postOrder(externalOrderId);
        List<LoggedRequest> posts = awaitPosts(externalOrderId, 2);
        String fulfillmentOrderId = JSON.readTree(posts.get(0).getBodyAsString())
                .path("fulfillmentOrderId")
                .asString();

        assertThat(posts).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(messageId(fulfillmentOrderId));
        await().atMost(WAIT).until(() -> published(fulfillmentOrderId));
        // accepted by the second, and not sent again after it
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> posts(externalOrderId).size() == 2);
    }

    @Test
    void aPostRefusedWith400IsParkedAsAProcessExceptionAndTheNextOrderStillLeaves(CapturedOutput log) {
        String refused = "PO-" + UUID.randomUUID();
        ERP.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.externalOrderId", equalTo(refused)))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"unknown ship-to region\",\"code\":\"INVALID_ADDRESS\"}")));

        String orderId = postOrder(refused);
        String fulfillmentOrderId = JSON.readTree(awaitPosts(refused, 1).get(0).getBodyAsString())
                .path("fulfillmentOrderId")
                .asString();
        String number = await().atMost(WAIT).until(() -> parkedAs(fulfillmentOrderId), n -> n != null);
        // an operator looking at the order finds it, and the order is not held for it
        assertThat(HubOrders.json(
                                hub.get("/api/process-exceptions?orderId=" + orderId, HubTestContext.OPERATOR_KEY), 200)
                        .toString())
                .contains(number);
        assertThat(HubOrders.order(hub, orderId).path("status").asString()).isNotEqualTo("ON_HOLD");

        JsonNode exception =
                HubOrders.json(hub.get("/api/process-exceptions/" + number, HubTestContext.OPERATOR_KEY), 200);
        assertThat(exception.toString())
                .contains("HTTP 400: unknown ship-to region (INVALID_ADDRESS)")
                .contains("refused for good");
        // permanent: asked in its batch, once more alone to tell it from the others, then never again
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> posts(refused).size() == 2);
        assertThat(posts(refused))
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly(messageId(fulfillmentOrderId));

        String next = "PO-" + UUID.randomUUID();
        postOrder(next);
        awaitPosts(next, 1);
        // the relay's one line says it; Camel logs no error with a stack trace for an answer the relay handles
        // (the output is the whole JVM's: judge only Camel's reports of a failure in the ERP export routes)
        assertThat(log.getOut()).contains("refused for good, parked");
        List<String> lines = log.getOut().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Failed delivery for")) {
                assertThat(String.join("\n", lines.subList(i, Math.min(lines.size(), i + 40))))
                        .doesNotContain("outbound-erp-fulfillment-orders")
                        .doesNotContain("connector-erp-http-export")
                        .doesNotContain(fulfillmentOrderId);
            }
        }
    }

    @Test
    void confirmationsNeedAnErpKeyAndShipTheOrderOnce() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String orderId = postOrder(externalOrderId);
        JsonNode exported = JSON.readTree(awaitPosts(externalOrderId, 1).get(0).getBodyAsString());
        String confirmation = """
                {"fulfillmentOrderId": "%s", "shipmentId": "SHP-%s", "carrier": "UPS", "service": "GROUND",
                 "trackingNumber": "1Z999AA10123456784", "shippedAt": "2026-11-03T15:00:00Z",
                 "lines": [{"lineId": "%s", "quantity": %d}]}""".formatted(
                        exported.path("fulfillmentOrderId").asString(),
                        externalOrderId,
                        exported.path("lines").get(0).path("lineId").asString(),
                        exported.path("lines").get(0).path("quantity").asInt());

        assertThat(hub.post("/api/erp/confirmations", null, confirmation).statusCode())
                .isEqualTo(401);
        assertThat(hub.post("/api/erp/confirmations", HubTestContext.OPERATOR_KEY, confirmation)
                        .statusCode())
                .isEqualTo(403);
        assertThat(hub.post("/api/erp/confirmations", HubTestContext.INGEST_KEY, confirmation)
                        .statusCode())
                .isEqualTo(403);
        String withoutLines = confirmation.replaceAll("\"lines\": \\[.*]", "\"lines\": []");
        HttpResponse<String> refused = hub.post("/api/erp/confirmations", HubTestContext.ERP_KEY, withoutLines);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).path("detail").asString())
                .isEqualTo("lines: at least one line is required");

        HttpResponse<String> accepted = hub.post("/api/erp/confirmations", HubTestContext.ERP_KEY, confirmation);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("created").asBoolean()).isTrue();

        await().atMost(WAIT)
                .until(() -> HubOrders.order(hub, orderId).path("status").asString(), "CLOSED"::equals);
        HttpResponse<String> again = hub.post("/api/erp/confirmations", HubTestContext.ERP_KEY, confirmation);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("created").asBoolean()).isFalse();
        assertThat(HubOrders.order(hub, orderId)
                        .path("fulfillmentOrders")
                        .get(0)
                        .path("shipments"))
                .hasSize(1);
    }

    private String postOrder(String externalOrderId) {
        HttpResponse<String> posted =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.withExternalId(externalOrderId));
        return HubOrders.json(posted, 202).path("id").asString();
    }

    private static List<LoggedRequest> posts(String externalOrderId) {
        return ERP.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.externalOrderId", equalTo(externalOrderId))));
    }

    private static List<LoggedRequest> awaitPosts(String externalOrderId, int count) {
        return await().atMost(WAIT).until(() -> posts(externalOrderId), posts -> posts.size() >= count);
    }

    private String messageId(String fulfillmentOrderId) {
        return jdbc.sql("SELECT event_id FROM outbox WHERE destination = 'erp-fulfillment-orders' AND subject = :fo")
                .param("fo", fulfillmentOrderId)
                .query(String.class)
                .single();
    }

    private boolean published(String fulfillmentOrderId) {
        return jdbc.sql("""
                SELECT count(*) FROM outbox WHERE destination = 'erp-fulfillment-orders' AND subject = :fo
                AND published_at IS NOT NULL""").param("fo", fulfillmentOrderId).query(Long.class).single() == 1;
    }

    private String parkedAs(String fulfillmentOrderId) {
        return jdbc.sql("""
                SELECT process_exception FROM outbox WHERE destination = 'erp-fulfillment-orders' AND subject = :fo
                AND parked_at IS NOT NULL AND published_at IS NULL""")
                .param("fo", fulfillmentOrderId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static WireMockServer erp() {
        WireMockServer server = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // any other fulfillment order: accepted, as an ERP answers a new one
        server.stubFor(post(urlEqualTo(PATH))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"accepted\"}")));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** The test hub with ERP connector http pointed at WireMock, on a database of its own. */
    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of(Map.of(
                            "spring.datasource.url",
                            Postgres.newDatabase("erphttp"),
                            "orderhub.connectors.erp",
                            "http",
                            "ORDERHUB_ERP_URL",
                            "http://127.0.0.1:" + ERP.port() + PATH,
                            "ORDERHUB_ERP_TOKEN",
                            TOKEN,
                            "orderhub.sandbox.erp.enabled",
                            "false",
                            "orderhub.files.enabled",
                            "false"))
                    .applyTo(context);
        }
    }
}
