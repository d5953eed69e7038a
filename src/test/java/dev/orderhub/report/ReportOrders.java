package dev.orderhub.report;

import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** README's order in a channel of the test's own, run through the pipeline to CLOSED with its invoice. */
final class ReportOrders {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReportOrders() {}

    /** A channel no other test uses. */
    static String channel() {
        return "reports-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Posts README's order in the channel with the buyer's locale (null: none); returns the CLOSED summary. */
    static JsonNode closedOrder(HubClient hub, String channel, String locale) {
        ObjectNode order = (ObjectNode) JSON.readTree(SampleOrders.withExternalId("PO-" + UUID.randomUUID()));
        order.put("channel", channel);
        if (locale != null) {
            ((ObjectNode) order.path("buyer")).put("locale", locale);
        }
        String id = HubOrders.json(hub.post("/api/orders", HubTestContext.INGEST_KEY, order.toString()), 202)
                .path("id")
                .asString();
        return await("order " + id + " CLOSED and invoiced")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> HubOrders.order(hub, id),
                        summary -> summary.path("status").asString().equals("CLOSED")
                                && summary.path("invoices").size() == 1);
    }
}
