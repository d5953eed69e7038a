package dev.orderhub.report;

import static org.assertj.core.api.Assertions.assertThat;
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

    /**
     * One of the order's four drills returned through the API (return, authorize, receipt); returns the credit memo
     * its receipt posted: (516.00 − 25.80 + 40.44) / 4 = 132.66.
     */
    static JsonNode creditMemo(HubClient hub, String orderId) {
        String operator = HubTestContext.OPERATOR_KEY;
        String rma = HubOrders.json(hub.post("/api/orders/" + orderId + "/returns", operator, """
                        {"lines": [{"lineId": "1", "quantity": 1, "reason": "damaged"}]}"""), 201)
                .path("number")
                .asString();
        HubOrders.json(hub.post("/api/return-orders/" + rma + "/authorize", operator, ""), 200);
        HubOrders.json(hub.post("/api/return-orders/" + rma + "/receipts", operator, """
                {"receiptId": "R-%s", "lines": [{"lineId": "1", "quantity": 1, "condition": "RESTOCKABLE"}]}""".formatted(rma)), 200);
        JsonNode memos = HubOrders.json(hub.get("/api/credit-memos?orderId=" + orderId, operator), 200)
                .path("items");
        assertThat(memos).hasSize(1);
        assertThat(memos.path(0).path("returnOrder").asString()).isEqualTo(rma);
        return memos.path(0);
    }
}
