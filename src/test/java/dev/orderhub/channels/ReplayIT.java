package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.DLQ;
import static dev.orderhub.channels.ChannelKit.JSON;
import static dev.orderhub.channels.ChannelKit.OPERATOR;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.awaitMoved;
import static dev.orderhub.channels.ChannelKit.awaitOrder;
import static dev.orderhub.channels.ChannelKit.deadLetterSelector;
import static dev.orderhub.channels.ChannelKit.demoInbox;
import static dev.orderhub.channels.ChannelKit.drop;
import static dev.orderhub.channels.ChannelKit.exception;
import static dev.orderhub.channels.ChannelKit.exceptionsAt;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.historyActions;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replay of a file order that failed (README, Process exceptions, dead letters and replay): the process exception
 * keeps the order's original, for a CSV order its JSON tree {poNumber, rows: [{rowNumber, values}]}; an operator
 * fixes it and retries with {"correctedBody": …}; the corrected order is stored and the exception is RESOLVED.
 */
@HubTest
class ReplayIT {
    private static final String CHANNEL = "demo";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void aFailedCsvOrderFixedAndRetriedIsStoredAndItsExceptionResolved() {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        Path inbox = demoInbox(environment);
        String po = unique("REPLAY");
        String name = unique("replay") + ".csv";

        drop(inbox, name, fixture("csv-one-bad-order.csv", Map.of("PO_A", po)));

        List<JsonNode> found = await("the bad order's process exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty());
        assertThat(found).hasSize(1);
        String number = found.get(0).path("number").asString();
        awaitMoved(inbox, name, ".done");
        assertThat(orderCount(hub, CHANNEL, po)).isZero();
        JsonNode pe = exception(hub, number);
        assertThat(pe.path("source").path("position").asString()).isEqualTo("file demo/" + name + " rows 2-3");

        // the operator fixes the quantity in the stored original and retries with it
        JsonNode original = JSON.readTree(pe.path("original").path("body").asString());
        assertThat(original.path("rows").path(0).path("values").path("quantity").asString())
                .isEqualTo("abc");
        ((ObjectNode) original.path("rows").path(0).path("values")).put("quantity", "3");
        String corrected = JSON.writeValueAsString(original);
        JsonNode retried = json(
                hub.post(
                        "/api/process-exceptions/" + number + "/retry",
                        OPERATOR,
                        JSON.writeValueAsString(Map.of("correctedBody", corrected))),
                202);
        assertThat(retried.path("number").asString()).isEqualTo(number);

        // the corrected order is stored, once, from the same file and rows
        String id = awaitOrder(hub, CHANNEL, po);
        JsonNode order = order(hub, id);
        assertThat(order.path("lines")).hasSize(2);
        assertThat(order.path("lines").path(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(order.path("lines").path(1).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("currency").asString())
                .as("partner default still applied")
                .isEqualTo("USD");
        assertThat(order.path("source").path("position").asString()).startsWith("demo/" + name + " rows 2-3");
        assertThat(orderCount(hub, CHANNEL, po)).isEqualTo(1);

        // and the exception is resolved, its history telling what happened
        JsonNode resolved = await("exception resolved")
                .atMost(WAIT)
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        assertThat(historyActions(resolved)).containsSubsequence("CREATED", "CORRECTED", "RETRIED", "RESOLVED");
        JsonNode history = resolved.path("history");
        assertThat(history.path(history.size() - 1).path("detail").asString()).contains(id);
        assertThat(exceptionsAt(hub, start, name))
                .as("no new exception for the replay")
                .hasSize(1);

        try (ChannelKit.Jms jms = new ChannelKit.Jms(environment)) {
            assertThat(jms.drain(DLQ, deadLetterSelector(number)))
                    .as("the first failure's dead letter only")
                    .hasSize(1);
        }
    }

    @Test
    void aRetryOfAnUnfixedFileOrderAnswers202CountsAnAttemptAndStaysOpen() {
        HubClient hub = new HubClient(port);
        Instant start = Instant.now().minusSeconds(1);
        Path inbox = demoInbox(environment);
        String po = unique("REPLAY-UNFIXED");
        String name = unique("replay-unfixed") + ".csv";

        drop(inbox, name, fixture("csv-one-bad-order.csv", Map.of("PO_A", po)));
        String number = await("the bad order's process exception")
                .atMost(WAIT)
                .until(() -> exceptionsAt(hub, start, name), list -> !list.isEmpty())
                .get(0)
                .path("number")
                .asString();

        // retry answers 202 and records an attempt, whether or not the cause is fixed yet
        JsonNode retried = json(hub.post("/api/process-exceptions/" + number + "/retry", OPERATOR, "{}"), 202);
        assertThat(retried.path("attempts").asInt()).isEqualTo(2);

        // the replayed original fails the same way: no order, the exception stays open and says so
        JsonNode after = await("replay failed again")
                .atMost(WAIT)
                .until(() -> exception(hub, number), e -> historyActions(e).contains("REPLAY_FAILED"));
        assertThat(after.path("status").asString()).isEqualTo("NEW");
        assertThat(after.path("message").asString()).contains("quantity");
        assertThat(orderCount(hub, CHANNEL, po)).isZero();
        assertThat(exceptionsAt(hub, start, name))
                .as("still one exception for the order")
                .hasSize(1);
        try (ChannelKit.Jms jms = new ChannelKit.Jms(environment)) {
            assertThat(jms.drain(DLQ, deadLetterSelector(number)))
                    .as("a failed replay is not dead-lettered again")
                    .hasSize(1);
        }
    }
}
