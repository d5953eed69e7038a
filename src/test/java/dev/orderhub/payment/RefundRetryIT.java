package dev.orderhub.payment;

import static dev.orderhub.support.HubOrders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * A refund the gateway does not answer (503 on every attempt of the connector's policy): the receipt and its credit
 * memo stand, the memo waits REFUND_PENDING in a process exception of its own while the order stays CLOSED and
 * unheld, and the return order RECEIVED; the operator's retry, once the gateway is back, asks again with the same
 * key, the gateway refunds once, and the return order closes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayOverHttp.Context.class)
@Import(GatewayOverHttp.class)
// its own context with its own database: closed afterwards, so that nothing of it keeps running beside the shared one
@DirtiesContext
class RefundRetryIT {
    private static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    HttpTestGateway gateway;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void aRefundTheGatewayTimesOutIsHeldOnItsCreditMemoAndRetriedOnceWithTheSameKey() {
        String orderId = json(hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh()), 202)
                .path("id")
                .asString();
        await().atMost(PIPELINE)
                .untilAsserted(() ->
                        assertThat(order(orderId).path("status").asString()).isEqualTo("CLOSED"));
        String rma = json(
                        hub.post(
                                "/api/orders/" + orderId + "/returns",
                                OPERATOR,
                                "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}"),
                        201)
                .path("number")
                .asString();
        json(hub.post("/api/return-orders/" + rma + "/authorize", OPERATOR, ""), 200);

        gateway.refundsUnavailable(true);
        JsonNode received = json(
                hub.post(
                        "/api/return-orders/" + rma + "/receipts",
                        OPERATOR,
                        "{\"receiptId\": \"R-1\", \"lines\": [{\"lineId\": \"1\", \"quantity\": 1,"
                                + " \"condition\": \"RESTOCKABLE\"}]}"),
                200);
        assertThat(received.path("status").asString()).isEqualTo("RECEIVED");

        JsonNode memo = json(hub.get("/api/credit-memos?orderId=" + orderId, OPERATOR), 200)
                .path("items")
                .path(0);
        assertThat(memo.path("status").asString()).isEqualTo("REFUND_PENDING");
        assertThat(memo.path("total").asString()).isEqualTo("132.66");
        String exception = memo.path("processException").asString();
        assertThat(exception).isNotBlank();
        JsonNode held = json(hub.get("/api/process-exceptions/" + exception, OPERATOR), 200);
        assertThat(held.path("status").asString()).isEqualTo("NEW");
        assertThat(held.path("externalReference").asString())
                .isEqualTo(memo.path("number").asString());
        JsonNode order = order(orderId);
        assertThat(order.path("status").asString()).as("the order is not held").isEqualTo("CLOSED");
        assertThat(order.path("activeProcessExceptions")).isEmpty();
        assertThat(order.path("payment").path("refunded").asString()).isEqualTo("0.00");
        String key = orderId + ":refund:" + memo.path("number").asString() + ":"
                + memo.path("refunds").path(0).path("capture").asString() + ":132.66";
        int askedWhileDown = gateway.requestsWith(key);
        assertThat(askedWhileDown).isPositive();
        assertThat(refunds(orderId)).isEmpty();

        gateway.refundsUnavailable(false);
        json(hub.post("/api/process-exceptions/" + exception + "/retry", OPERATOR, ""), 202);

        await().atMost(PIPELINE)
                .untilAsserted(() -> assertThat(json(
                                        hub.get(
                                                "/api/credit-memos/"
                                                        + memo.path("number").asString(),
                                                OPERATOR),
                                        200)
                                .path("status")
                                .asString())
                        .isEqualTo("REFUNDED"));
        assertThat(json(hub.get("/api/return-orders/" + rma, OPERATOR), 200)
                        .path("status")
                        .asString())
                .isEqualTo("CLOSED");
        assertThat(json(hub.get("/api/process-exceptions/" + exception, OPERATOR), 200)
                        .path("status")
                        .asString())
                .isEqualTo("RESOLVED");
        assertThat(order(orderId).path("payment").path("refunded").asString()).isEqualTo("132.66");
        assertThat(refunds(orderId))
                .as("refunded once, under the key first asked with")
                .extracting(HttpTestGateway.Effect::idempotencyKey)
                .containsExactly(key);
        assertThat(gateway.requestsWith(key)).isEqualTo(askedWhileDown + 1);
    }

    private List<HttpTestGateway.Effect> refunds(String orderId) {
        return gateway.effectsOf(orderId).stream()
                .filter(e -> e.kind().equals("refund"))
                .toList();
    }

    private JsonNode order(String id) {
        return json(hub.get("/api/orders/" + id, OPERATOR), 200);
    }
}
