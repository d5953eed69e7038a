package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * README's order billed on terms to an account the hub does not know: the pipeline accepts it and parks it in
 * WAITING_APPROVAL (an unknown account needs an approval), where nothing moves it until an operator acts. Tests
 * that change an order themselves start from it, so that the pipeline never races them.
 */
public final class WaitingOrders {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WaitingOrders() {}

    /** The order as submitted: line 1 of 4 DRILL-18V, INVOICE NET30, an unknown account. */
    public static String body(String externalOrderId) {
        ObjectNode order = (ObjectNode) JSON.readTree(SampleOrders.withExternalId(externalOrderId));
        ObjectNode payment = order.putObject("payment");
        payment.put("method", "INVOICE");
        payment.put("terms", "NET30");
        ((ObjectNode) order.path("account")).put("accountId", "UNKNOWN-" + UUID.randomUUID());
        return JSON.writeValueAsString(order);
    }

    /** Posts such an order and waits until the pipeline has parked it; returns its id. */
    public static String submit(HubClient hub) {
        HttpResponse<String> posted =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, body("PO-" + UUID.randomUUID()));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(JSON.readTree(hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY)
                                        .body())
                                .path("status")
                                .asString())
                        .isEqualTo("WAITING_APPROVAL"));
        return id;
    }
}
