package dev.orderhub.exception;

import static dev.orderhub.exception.FaultKit.DLQ;
import static dev.orderhub.exception.FaultKit.OPERATOR;
import static dev.orderhub.exception.FaultKit.exception;
import static dev.orderhub.exception.FaultKit.exceptionsOf;
import static dev.orderhub.exception.FaultKit.json;
import static dev.orderhub.exception.FaultKit.newExternalId;
import static dev.orderhub.exception.FaultKit.newRun;
import static dev.orderhub.exception.FaultKit.orderCount;
import static dev.orderhub.exception.FaultKit.orderId;
import static dev.orderhub.exception.FaultKit.status;
import static dev.orderhub.exception.FaultKit.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.net.http.HttpResponse;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Payment faults on the ensure-funds step (sandbox gateway tokens): a gateway that times out twice and
 * then answers, one that never answers, and a declined card. A failed step of a stored order puts it ON_HOLD
 * with one PAYMENT exception and dead-letters nothing; what retry, void and reject then do.
 */
@HubTest
class PaymentFaultsIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Set<String> SETTLED = Set.of("CLOSED", "ON_HOLD", "REJECTED", "CANCELLED");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void gatewayTimingOutTwiceIsRetriedInProcessAndTheOrderCloses() {
        String id = submit(hub, FaultKit.order(newExternalId("PAY-TIMEOUT"), "tok_timeout"));

        String finalStatus = await().atMost(SETTLE).until(() -> status(hub, id), SETTLED::contains);

        assertThat(finalStatus).isEqualTo("CLOSED");
        assertThat(exceptionsOf(hub, id)).as("no process exception").isEmpty();
        JsonNode order = FaultKit.order(hub, id);
        assertThat(order.path("activeProcessExceptions")).isEmpty();
        // the connector's retry policy tried three times: two timeouts, then the authorisation
        List<String> results = new ArrayList<>();
        order.path("payment").path("transactions").forEach(t -> results.add(t.toString()));
        assertThat(String.join("\n", results))
                .as("payment transactions")
                .contains("TIMEOUT")
                .contains("APPROVED");
    }

    @Test
    void gatewayNeverAnsweringHoldsTheOrderAndRetryCountsOnTheSameException() {
        String id = submit(hub, FaultKit.order(newExternalId("PAY-TIMEOUT-ALWAYS"), "tok_timeout_always"));

        await().atMost(SETTLE).until(() -> status(hub, id), SETTLED::contains);
        assertThat(status(hub, id)).isEqualTo("ON_HOLD");
        List<JsonNode> exceptions = exceptionsOf(hub, id);
        assertThat(exceptions).as("one exception on the order").hasSize(1);
        JsonNode pe = exceptions.get(0);
        String number = pe.path("number").asString();
        assertThat(pe.path("category").asString()).isEqualTo("PAYMENT");
        assertThat(pe.path("status").asString()).isEqualTo("NEW");
        assertThat(pe.path("attachedTo").path("type").asString()).isEqualTo("order");
        assertThat(pe.path("attachedTo").path("id").asString()).isEqualTo(id);
        assertThat(pe.path("transientFailure").asBoolean()).isTrue();
        assertThat(pe.path("attempts").asInt()).isEqualTo(1);
        assertThat(FaultKit.order(hub, id).path("activeProcessExceptions")).hasSize(1);

        JsonNode answered = json(FaultKit.act(hub, number, "retry", "gateway still down"), 202);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(answered.path("number").asString()).isEqualTo(number);
        soft.assertThat(answered.path("status").asString())
                .as("status after the retry")
                .isEqualTo("NEW");
        soft.assertThat(answered.path("attempts").asInt())
                .as(
                        "attempts after one retry (first failure + 1 retry); history %s",
                        FaultKit.historyActions(exception(hub, number)))
                .isEqualTo(2);
        soft.assertThat(status(hub, id)).as("order after the failed retry").isEqualTo("ON_HOLD");
        soft.assertThat(exceptionsOf(hub, id))
                .as("still the same single exception")
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.path("number").asString()).isEqualTo(number));
        soft.assertThat(FaultKit.order(hub, id).path("activeProcessExceptions")).hasSize(1);
        soft.assertAll();
    }

    /**
     * A declined card is permanent. Voiding its exception releases the order and the step runs again: the card
     * is declined again, so a second, new exception holds the order. An operator then rejects it.
     */
    @Test
    void declinedCardHoldsTheOrderVoidingRunsTheStepAgainAndRejectEndsIt() {
        String id = submit(hub, FaultKit.order(newExternalId("PAY-DECLINED"), "tok_chargeDeclined"));

        await().atMost(SETTLE).until(() -> status(hub, id), SETTLED::contains);
        assertThat(status(hub, id)).isEqualTo("ON_HOLD");
        List<JsonNode> first = exceptionsOf(hub, id);
        assertThat(first).hasSize(1);
        String declined = first.get(0).path("number").asString();
        assertThat(first.get(0).path("category").asString()).isEqualTo("PAYMENT");
        assertThat(first.get(0).path("transientFailure").asBoolean()).isFalse();
        assertThat(first.get(0).path("message").asString()).contains("declined");

        JsonNode voided = json(FaultKit.act(hub, declined, "void", "card declined, try once more"), 200);
        assertThat(voided.path("status").asString()).isEqualTo("VOIDED");

        // released, the pipeline runs ensure-funds again: declined again, a NEW exception, ON_HOLD again
        List<JsonNode> after = await().atMost(SETTLE).until(() -> exceptionsOf(hub, id), list -> list.size() >= 2);
        await().atMost(SETTLE).until(() -> status(hub, id), "ON_HOLD"::equals);
        assertThat(after).hasSize(2);
        JsonNode second = after.stream()
                .filter(e -> !declined.equals(e.path("number").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(second.path("status").asString()).isEqualTo("NEW");
        assertThat(second.path("category").asString()).isEqualTo("PAYMENT");
        assertThat(exception(hub, declined).path("status").asString()).isEqualTo("VOIDED");
        List<String> actions = new ArrayList<>();
        json(hub.get("/api/orders/" + id + "/history", OPERATOR), 200)
                .path("items")
                .forEach(h -> actions.add(h.path("action").asString()));
        assertThat(actions).containsSubsequence("HELD", "RELEASED", "HELD");

        JsonNode rejected =
                json(hub.post("/api/orders/" + id + "/reject", OPERATOR, "{\"reason\": \"card declined twice\"}"), 200);
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat(status(hub, id)).isEqualTo("REJECTED");

        // the second exception is left as it was; retrying it must not bring the rejected order back
        String left = second.path("number").asString();
        JsonNode leftover = exception(hub, left);
        HttpResponse<String> retried = FaultKit.act(hub, left, "retry", "after the reject");
        assertThat(status(hub, id))
                .as(
                        "order after a retry of %s (%s, then answered %s %s)",
                        left, leftover.path("status").asString(), retried.statusCode(), retried.body())
                .isEqualTo("REJECTED");
        assertThat(exceptionsOf(hub, id)).hasSize(2);
    }

    /** K orders with mixed tokens on the JMS channel: each is exactly one order, CLOSED, or ON_HOLD with one exception. */
    @Test
    void mixedTokensEachEndAsOneOrderClosedOrHeldByExactlyOneException() throws Exception {
        Map<String, String> tokenByExternalId = new LinkedHashMap<>();
        for (String token : List.of("tok_visa", "tok_timeout", "tok_timeout_always", "tok_chargeDeclined")) {
            for (int i = 0; i < 4; i++) {
                tokenByExternalId.put(newExternalId("PAY-MIX-" + token), token);
            }
        }
        String run = newRun();
        try (FaultKit.Jms jms =
                new FaultKit.Jms(environment.getRequiredProperty("orderhub.broker.port", Integer.class))) {
            List<String> bodies = new ArrayList<>();
            tokenByExternalId.forEach((externalId, token) -> bodies.add(FaultKit.order(externalId, token)));
            jms.sendBatch(bodies, run);

            Map<String, String> ids = new LinkedHashMap<>();
            for (String externalId : tokenByExternalId.keySet()) {
                ids.put(
                        externalId,
                        await().atMost(SETTLE)
                                .until(() -> orderId(hub, externalId).orElse(null), id -> id != null));
            }
            for (String id : ids.values()) {
                await().atMost(SETTLE).until(() -> status(hub, id), SETTLED::contains);
            }

            SoftAssertions soft = new SoftAssertions();
            ids.forEach((externalId, id) -> {
                String token = tokenByExternalId.get(externalId);
                String status = status(hub, id);
                List<JsonNode> exceptions = exceptionsOf(hub, id);
                long active = exceptions.stream()
                        .filter(e -> Set.of("NEW", "TRIAGED", "PAUSED")
                                .contains(e.path("status").asString()))
                        .count();
                soft.assertThat(orderCount(hub, externalId))
                        .as("orders for %s", externalId)
                        .isEqualTo(1);
                boolean fails = token.equals("tok_timeout_always") || token.equals("tok_chargeDeclined");
                soft.assertThat(status).as("%s (%s)", externalId, token).isEqualTo(fails ? "ON_HOLD" : "CLOSED");
                soft.assertThat(exceptions)
                        .as("exceptions of %s (%s)", externalId, token)
                        .hasSize(fails ? 1 : 0);
                soft.assertThat(active)
                        .as("active exceptions of %s (%s)", externalId, token)
                        .isEqualTo(fails ? 1 : 0);
                exceptions.forEach(
                        e -> soft.assertThat(e.path("category").asString()).isEqualTo("PAYMENT"));
            });
            soft.assertThat(jms.browse(DLQ, run))
                    .as("a failed step of a stored order is not dead-lettered")
                    .isZero();
            soft.assertAll();
        }
    }
}
