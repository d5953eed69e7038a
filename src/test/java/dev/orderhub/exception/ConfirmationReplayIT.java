package dev.orderhub.exception;

import static dev.orderhub.exception.FaultKit.DLQ;
import static dev.orderhub.exception.FaultKit.JSON;
import static dev.orderhub.exception.FaultKit.OPERATOR;
import static dev.orderhub.exception.FaultKit.exception;
import static dev.orderhub.exception.FaultKit.exceptionsOfRun;
import static dev.orderhub.exception.FaultKit.historyActions;
import static dev.orderhub.exception.FaultKit.json;
import static dev.orderhub.exception.FaultKit.newExternalId;
import static dev.orderhub.exception.FaultKit.newRun;
import static dev.orderhub.exception.FaultKit.order;
import static dev.orderhub.exception.FaultKit.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * An ERP shipment confirmation the hub refused is a process exception whose retry replays it as a confirmation
 * (route lifecycle-ship-replay), never as an order: unfixed it fails again for its own reason, corrected it is
 * recorded once and the exception is resolved.
 */
@HubTest
class ConfirmationReplayIT {
    private static final String CONFIRMATIONS = "orderhub.erp.confirmations";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

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
    void aRefusedConfirmationIsReplayedAsAConfirmationAndResolvedOnceCorrected() throws Exception {
        String run = newRun();
        Instant start = Instant.now();

        // an order shipped by the sandbox ERP: its fulfillment order and shipment are what the correction names
        String externalId = newExternalId("CONF-REPLAY");
        jms.send(order(externalId), run);
        String orderId = await().atMost(Duration.ofSeconds(30))
                .until(() -> orderId(hub, externalId), java.util.Optional::isPresent)
                .get();
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> FaultKit.order(hub, orderId),
                        o -> "CLOSED".equals(o.path("status").asString()));
        JsonNode fulfillmentOrder = closed.path("fulfillmentOrders").path(0);
        JsonNode shipment = fulfillmentOrder.path("shipments").path(0);
        assertThat(shipment.path("id").asString()).isNotBlank();

        String unknown = "FO-" + run;
        jms.send(CONFIRMATIONS, confirmation(unknown, "SHIP-" + run, "1", 1), run);
        JsonNode pe = await().atMost(Duration.ofSeconds(30))
                .until(() -> exceptionsOfRun(hub, run, start), found -> !found.isEmpty())
                .get(0);
        String number = pe.path("number").asString();
        assertThat(pe.path("source").path("routeId").asString()).isEqualTo("lifecycle-ship");
        assertThat(pe.path("source").path("endpoint").asString()).isEqualTo("direct://lifecycle-ship-replay");
        assertThat(pe.path("message").asString()).contains("unknown fulfillment order " + unknown);
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse(DLQ, run) == 1);

        // unfixed, the replay fails again for the confirmation's own reason, not as an order would
        json(FaultKit.act(hub, number, "retry", "nothing fixed yet"), 202);
        JsonNode failedAgain = await().atMost(Duration.ofSeconds(30))
                .until(() -> exception(hub, number), e -> historyActions(e).contains("REPLAY_FAILED"));
        assertThat(failedAgain.path("status").asString()).isEqualTo("NEW");
        assertThat(failedAgain
                        .path("history")
                        .valueStream()
                        .filter(h -> "RETRIED".equals(h.path("action").asString()))
                        .map(h -> h.path("detail").asString()))
                .containsExactly("original replayed through direct://lifecycle-ship-replay");
        assertThat(failedAgain.path("message").asString())
                .contains("unknown fulfillment order " + unknown)
                .doesNotContain("externalOrderId");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> jms.browse(DLQ, run) == 1);

        // corrected to name the shipment the ERP already confirmed: recorded once (nothing new), and resolved
        String corrected = confirmation(
                fulfillmentOrder.path("id").asString(),
                shipment.path("id").asString(),
                fulfillmentOrder.path("lines").path(0).path("lineId").asString(),
                fulfillmentOrder.path("lines").path(0).path("quantity").asInt());
        json(
                hub.post(
                        "/api/process-exceptions/" + number + "/retry",
                        OPERATOR,
                        JSON.writeValueAsString(Map.of("correctedBody", corrected))),
                202);
        JsonNode resolved = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> exception(hub, number),
                        e -> "RESOLVED".equals(e.path("status").asString()));
        assertThat(historyActions(resolved)).containsSubsequence("CREATED", "REPLAY_FAILED", "RESOLVED");
        JsonNode after = FaultKit.order(hub, orderId);
        assertThat(after.path("fulfillmentOrders").path(0).path("shipments")).hasSize(1);
        assertThat(after.path("invoices")).hasSize(closed.path("invoices").size());
        assertThat(jms.drain(DLQ, run)).hasSize(1);
    }

    private static String confirmation(String fulfillmentOrderId, String shipmentId, String lineId, int quantity) {
        return JSON.writeValueAsString(Map.of(
                "fulfillmentOrderId",
                fulfillmentOrderId,
                "shipmentId",
                shipmentId,
                "carrier",
                "UPS",
                "trackingNumber",
                "1Z" + shipmentId.hashCode(),
                "lines",
                List.of(Map.of("lineId", lineId, "quantity", quantity))));
    }
}
