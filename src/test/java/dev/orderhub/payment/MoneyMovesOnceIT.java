package dev.orderhub.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.pipeline.Pipeline;
import dev.orderhub.store.Orders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
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

/**
 * Money moves once (README): card orders through a hub whose gateway is reached over HTTP, with 16 pipeline workers
 * and a pool of 4 connections. The hub "crashes" right after the gateway answered — a database write of the step's
 * thread fails — at authorisation and at capture; the gateway's ledger still holds one authorisation per order and
 * one capture per invoice, and every order closes with the amounts it should. Many orders at once starve no pool.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayOverHttp.Context.class)
@Import(GatewayOverHttp.class)
// its own context with its own database: closed afterwards, so that nothing of it keeps running beside the shared one
@DirtiesContext
class MoneyMovesOnceIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Set<String> STOPPED = Set.of("CLOSED", "ON_HOLD", "REJECTED", "CANCELLED", "WAITING_APPROVAL");

    @LocalServerPort
    int port;

    @Autowired
    Orders orders;

    @Autowired
    OrderValidator validator;

    @Autowired
    Pipeline pipeline;

    @Autowired
    HttpTestGateway gateway;

    @Autowired
    DatabaseFaults faults;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    /**
     * Write 1 after an answer is the call's outcome, 2 the payment journal, 3 and 4 the order's own change, all in
     * one transaction: whichever fails, the outcome is lost with it, and the rerun asks again with the same key.
     */
    @Test
    void aCrashAfterEachGatewayAnswerMovesMoneyOnceAndEveryOrderCloses() {
        Map<String, Integer> writeToFail = new LinkedHashMap<>();
        for (int nth = 1; nth <= 4; nth++) {
            String id = orders.create(
                            validator.parse(SampleOrders.fresh().getBytes(StandardCharsets.UTF_8)),
                            Source.of("test", "money-moves-once"))
                    .id();
            faults.failAfterEachAnswer(id, nth);
            writeToFail.put(id, nth);
        }
        writeToFail.keySet().forEach(pipeline::drive);

        SoftAssertions soft = new SoftAssertions();
        writeToFail.forEach((id, nth) -> {
            JsonNode order = awaitSettled(id);
            String total = order.path("totals").path("grandTotal").asString();
            soft.assertThat(order.path("status").asString())
                    .as("status of %s (write %d fails)", id, nth)
                    .isEqualTo("CLOSED");
            soft.assertThat(faults.failedWritesOf(id))
                    .as("writes failed after the answers for %s", id)
                    .extracting(DatabaseFaults.FailedWrite::idempotencyKey)
                    .containsExactly(id + ":authorize:" + total, id + ":capture:" + invoiceNumber(order) + ":" + total);

            List<HttpTestGateway.Effect> effects = gateway.effectsOf(id);
            soft.assertThat(effects)
                    .as("gateway ledger of %s", id)
                    .extracting(HttpTestGateway.Effect::kind)
                    .containsExactlyInAnyOrder("authorization", "capture");
            BigDecimal captured = effects.stream()
                    .filter(e -> e.kind().equals("capture"))
                    .map(HttpTestGateway.Effect::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            soft.assertThat(captured).as("captured by the gateway for %s", id).isEqualByComparingTo(total);
            effects.forEach(e -> soft.assertThat(gateway.requestsWith(e.idempotencyKey()))
                    .as(
                            "requests with %s (write %d fails: outcome lost, asked again with the same key)",
                            e.idempotencyKey(), nth)
                    .isEqualTo(2));

            JsonNode payment = order.path("payment");
            soft.assertThat(payment.path("authorized").asString()).isEqualTo(total);
            soft.assertThat(payment.path("captured").asString()).isEqualTo(total);
            soft.assertThat(payment.path("balance").asString()).isEqualTo("0.00");
            soft.assertThat(order.path("invoices").size()).isEqualTo(1);
            soft.assertThat(transactions(order))
                    .as("journal of %s", id)
                    .containsExactly("AUTHORIZE APPROVED " + total, "CAPTURE APPROVED " + total);
            soft.assertThat(order.path("activeProcessExceptions").size()).isZero();
        });
        soft.assertAll();
    }

    @Test
    void fortyCardOrdersOnSixteenWorkersAndFourConnectionsAllClose() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response = hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(JSON.readTree(response.body()).path("id").asString());
        }

        SoftAssertions soft = new SoftAssertions();
        for (String id : ids) {
            JsonNode order = awaitSettled(id);
            String total = order.path("totals").path("grandTotal").asString();
            soft.assertThat(order.path("status").asString())
                    .as("status of %s", id)
                    .isEqualTo("CLOSED");
            soft.assertThat(order.path("payment").path("captured").asString()).isEqualTo(total);
            soft.assertThat(transactions(order))
                    .as("journal of %s", id)
                    .containsExactly("AUTHORIZE APPROVED " + total, "CAPTURE APPROVED " + total);
            soft.assertThat(gateway.effectsOf(id))
                    .as("gateway ledger of %s", id)
                    .hasSize(2);
        }
        soft.assertAll();
    }

    private JsonNode awaitSettled(String id) {
        return await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> order(id), o -> STOPPED.contains(o.path("status").asString()));
    }

    private JsonNode order(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String invoiceNumber(JsonNode order) {
        return order.path("invoices").path(0).path("number").asString();
    }

    private static List<String> transactions(JsonNode order) {
        return order.path("payment")
                .path("transactions")
                .valueStream()
                .map(t -> t.path("kind").asString() + " " + t.path("outcome").asString() + " "
                        + t.path("amount").asString())
                .toList();
    }
}
