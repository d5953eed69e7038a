package dev.orderhub.exception;

import static dev.orderhub.exception.FaultKit.DEAD_LETTER_HEADERS;
import static dev.orderhub.exception.FaultKit.DLQ;
import static dev.orderhub.exception.FaultKit.IN;
import static dev.orderhub.exception.FaultKit.RUN;
import static dev.orderhub.exception.FaultKit.exception;
import static dev.orderhub.exception.FaultKit.exceptionsOfRun;
import static dev.orderhub.exception.FaultKit.historyActions;
import static dev.orderhub.exception.FaultKit.json;
import static dev.orderhub.exception.FaultKit.newExternalId;
import static dev.orderhub.exception.FaultKit.newRun;
import static dev.orderhub.exception.FaultKit.orderCount;
import static dev.orderhub.exception.FaultKit.orderId;
import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters on the JMS channel: a known batch of good, malformed, schema-invalid and duplicate
 * messages on orderhub.orders.in ends as exactly one order per good message, exactly one process exception plus
 * one dead letter per bad message, nothing lost and nothing doubled; and what replay does with them.
 */
@HubTest
class DeadLetterIT {
    private static final String ROUTE = "channel-jms-canonical";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    FaultKit.Jms jms;
    HubClient hub;

    @BeforeEach
    void connect() throws JMSException {
        jms = new FaultKit.Jms(environment.getRequiredProperty("orderhub.broker.port", Integer.class));
        hub = new HubClient(port);
    }

    @AfterEach
    void disconnect() throws JMSException {
        jms.close();
    }

    @Test
    void batchOfTwentyEndsAsTwelveOrdersAndSixDeadLettersNoneLostNoneDoubled() throws Exception {
        String run = newRun();
        Instant start = Instant.now();
        List<String> goodIds = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = newExternalId("DL-OK");
            goodIds.add(id);
            bodies.add(FaultKit.order(id));
        }
        List<String> badIds = new ArrayList<>();
        List<String> badBodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newExternalId("DL-MALFORMED");
            badIds.add(id);
            badBodies.add(FaultKit.malformed(id));
        }
        for (int i = 0; i < 3; i++) {
            String id = newExternalId("DL-SCHEMA");
            badIds.add(id);
            badBodies.add(FaultKit.schemaInvalid(id));
        }
        bodies.addAll(badBodies);
        bodies.add(bodies.get(0)); // two duplicates of good ones, byte for byte
        bodies.add(bodies.get(5));
        assertThat(bodies).hasSize(20);
        NotifyBuilder allDone = new NotifyBuilder(camel)
                .fromRoute(ROUTE)
                .filter(e -> run.equals(e.getMessage().getHeader(RUN, String.class)))
                .whenDone(20)
                .create();

        jms.sendBatch(bodies, run);

        assertThat(allDone.matches(60, TimeUnit.SECONDS))
                .as("all 20 messages processed by " + ROUTE)
                .isTrue();
        // none lost: nothing of the run is left on the input queue
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(IN, run) == 0);

        // exactly 12 orders, one per (channel, externalOrderId); none for the bad ones
        for (String id : goodIds) {
            assertThat(orderCount(hub, id)).as("orders for %s", id).isEqualTo(1);
        }
        for (String id : badIds) {
            assertThat(orderCount(hub, id))
                    .as("orders for the bad message %s", id)
                    .isZero();
        }

        // exactly 6 process exceptions, VALIDATION, from the JMS route, each keeping the original as sent
        List<JsonNode> exceptions = await().atMost(Duration.ofSeconds(20))
                .until(() -> exceptionsOfRun(hub, run, start), found -> found.size() >= 6);
        assertThat(exceptions).as("process exceptions of the run").hasSize(6);
        for (JsonNode pe : exceptions) {
            assertThat(pe.path("category").asString()).isEqualTo("VALIDATION");
            assertThat(pe.path("status").asString()).isEqualTo("NEW");
            assertThat(pe.path("attachedTo").isNull() || pe.path("attachedTo").isMissingNode())
                    .isTrue();
            assertThat(pe.path("source").path("routeId").asString()).isEqualTo(ROUTE);
            assertThat(pe.path("source").path("kind").asString()).isEqualTo("jms");
            assertThat(pe.path("attempts").asInt()).isEqualTo(1);
        }
        assertThat(exceptions.stream()
                        .map(pe -> pe.path("original").path("body").asString())
                        .toList())
                .as("originals, byte for byte")
                .containsExactlyInAnyOrderElementsOf(badBodies);

        // exactly 6 dead letters with the cause in string headers; stable (nothing arrives late or twice)
        await().atMost(Duration.ofSeconds(20)).until(() -> jms.browse(DLQ, run) >= 6);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jms.browse(DLQ, run) == 6);
        List<Message> dead = jms.drain(DLQ, run);
        assertThat(dead).hasSize(6);
        Map<String, JsonNode> byNumber = exceptions.stream()
                .collect(Collectors.toMap(pe -> pe.path("number").asString(), pe -> pe));
        List<String> deadBodies = new ArrayList<>();
        for (Message m : dead) {
            for (String header : DEAD_LETTER_HEADERS) {
                assertThat(m.getObjectProperty(header))
                        .as("dead-letter header %s", header)
                        .isInstanceOf(String.class);
                assertThat(m.getStringProperty(header))
                        .as("dead-letter header %s", header)
                        .isNotBlank();
            }
            assertThat(m.getStringProperty("orderhubErrorClass"))
                    .isEqualTo("dev.orderhub.order.OrderValidationException");
            assertThat(m.getStringProperty("orderhubRouteId")).isEqualTo(ROUTE);
            assertThat(m.getStringProperty("orderhubAttempts")).isEqualTo("1");
            assertThat(Instant.parse(m.getStringProperty("orderhubFirstFailure")))
                    .isAfter(start.minusSeconds(1));
            JsonNode pe = byNumber.get(m.getStringProperty("orderhubPeNumber"));
            assertThat(pe).as("the exception the dead letter names").isNotNull();
            assertThat(body(m)).isEqualTo(pe.path("original").path("body").asString());
            assertThat(m.getStringProperty("orderhubErrorMessage"))
                    .isEqualTo(pe.path("message").asString());
            deadBodies.add(body(m));
        }
        assertThat(deadBodies).containsExactlyInAnyOrderElementsOf(badBodies);
    }

    @Test
    void aMessageWithoutTextOrBytesIsInvalidAndKeptNotLost() throws Exception {
        String run = newRun();
        Instant start = Instant.now();
        jms.sendEach(
                run,
                List.of(
                        session -> session.createObjectMessage(new HashMap<>(Map.of("order", "x"))),
                        session -> {
                            MapMessage map = session.createMapMessage();
                            map.setString("externalOrderId", "x");
                            return map;
                        },
                        session -> session.createTextMessage(),
                        Session::createMessage));

        // one VALIDATION exception each, at the first attempt, saying what was sent; nothing left on the queue
        List<JsonNode> exceptions = await().atMost(Duration.ofSeconds(30))
                .until(() -> exceptionsOfRun(hub, run, start), found -> found.size() >= 4);
        assertThat(exceptions).hasSize(4);
        for (JsonNode pe : exceptions) {
            assertThat(pe.path("category").asString()).isEqualTo("VALIDATION");
            assertThat(pe.path("attempts").asInt()).isEqualTo(1);
            assertThat(pe.path("source").path("routeId").asString()).isEqualTo(ROUTE);
        }
        assertThat(exceptions.stream().map(pe -> pe.path("message").asString()))
                .anySatisfy(m -> assertThat(m).contains("ObjectMessage is not an order"))
                .anySatisfy(m -> assertThat(m).contains("MapMessage is not an order"))
                .anySatisfy(m -> assertThat(m).contains("is empty"))
                .anySatisfy(m -> assertThat(m).contains("message with no body is not an order"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(IN, run) == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> jms.browse(DLQ, run) >= 4);
        assertThat(jms.drain(DLQ, run)).hasSize(4);
    }

    @Test
    void replayOfAnUnfixedMalformedMessageCountsOneAttemptAndDeadLettersNothingNew() throws Exception {
        String run = newRun();
        Instant start = Instant.now();
        String body = FaultKit.malformed(newExternalId("DL-REPLAY"));
        jms.send(body, run);
        JsonNode pe = await().atMost(Duration.ofSeconds(30))
                .until(() -> exceptionsOfRun(hub, run, start), found -> !found.isEmpty())
                .get(0);
        String number = pe.path("number").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(DLQ, run) == 1);

        JsonNode answered = json(FaultKit.act(hub, number, "retry", "nothing fixed yet"), 202);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(answered.path("attempts").asInt())
                .as("attempts in the 202")
                .isEqualTo(2);
        soft.assertThat(answered.path("status").asString()).isEqualTo("NEW");

        // the resubmitted original has been processed (and failed again) once its failure is in the history
        JsonNode after = await().atMost(Duration.ofSeconds(30))
                .until(() -> exception(hub, number), e -> historyActions(e).contains("REPLAY_FAILED"));
        // a failed replay is not dead-lettered again (the original is already there)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jms.browse(DLQ, run) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(IN, run) == 0);
        soft.assertThat(exceptionsOfRun(hub, run, start))
                .as("still one exception for the message")
                .hasSize(1);
        soft.assertThat(after.path("status").asString())
                .as("status after the failed replay")
                .isEqualTo("NEW");
        soft.assertThat(historyActions(after)).as("history").containsSubsequence("CREATED", "RETRIED", "REPLAY_FAILED");
        soft.assertThat(after.path("attempts").asInt())
                .as("attempts after one retry (1 delivery + 1 retry); history %s", historyActions(after))
                .isEqualTo(2);
        soft.assertAll();
        assertThat(jms.drain(DLQ, run)).hasSize(1);
    }

    /**
     * Replay after the fix: replayed unchanged, a schema-invalid original fails again (no order, no new dead
     * letter); replayed with {@code {"correctedBody": …}} it becomes the order and the exception is resolved.
     */
    @Test
    void schemaInvalidMessageReplayedAfterTheFixBecomesTheOrder() throws Exception {
        String run = newRun();
        Instant start = Instant.now();
        String externalId = newExternalId("DL-FIX");
        String broken = FaultKit.schemaInvalid(externalId);
        jms.send(broken, run);
        JsonNode pe = await().atMost(Duration.ofSeconds(30))
                .until(() -> exceptionsOfRun(hub, run, start), found -> !found.isEmpty())
                .get(0);
        String number = pe.path("number").asString();
        assertThat(pe.path("message").asString()).contains("lines[0].quantity");
        assertThat(pe.path("original").path("body").asString()).isEqualTo(broken);

        // retry resubmits the stored (still broken) original: it fails again, no order
        json(FaultKit.act(hub, number, "retry", "replay unchanged"), 202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> exception(hub, number), e -> historyActions(e).contains("REPLAY_FAILED"));
        assertThat(orderCount(hub, externalId)).isZero();

        // the fix: the operator replays a corrected original
        String fixed = FaultKit.order(externalId);
        JsonNode answered = json(
                hub.post(
                        "/api/process-exceptions/" + number + "/retry",
                        FaultKit.OPERATOR,
                        FaultKit.JSON.writeValueAsString(Map.of("correctedBody", fixed))),
                202);
        assertThat(answered.path("original").path("body").asString()).isEqualTo(fixed);

        String orderId = await().atMost(Duration.ofSeconds(30))
                .until(() -> orderId(hub, externalId).orElse(null), id -> id != null);
        assertThat(orderCount(hub, externalId)).isEqualTo(1);
        JsonNode resolved = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        assertThat(historyActions(resolved))
                .containsSubsequence("CREATED", "RETRIED", "REPLAY_FAILED", "CORRECTED", "RETRIED", "RESOLVED");
        String corrected = null;
        for (JsonNode h : resolved.path("history")) {
            if ("CORRECTED".equals(h.path("action").asString())) {
                corrected = h.path("detail").asString();
            }
        }
        assertThat(corrected).as("the history keeps the broken original").contains(broken);
        assertThat(resolved.path("history")
                        .get(resolved.path("history").size() - 1)
                        .path("detail")
                        .asString())
                .contains(orderId);
        // one dead letter (the first failure) and nothing else
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jms.browse(DLQ, run) == 1);
        assertThat(jms.drain(DLQ, run)).hasSize(1);
    }
}
