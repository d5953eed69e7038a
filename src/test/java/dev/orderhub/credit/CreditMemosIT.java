package dev.orderhub.credit;

import static dev.orderhub.event.PublishedSchemas.assertValid;
import static dev.orderhub.support.HubOrders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.fulfillment.Inventory;
import dev.orderhub.servicing.ReturnStock;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credit memos and refunds on the real hub: returns of a card order with two delivery groups and a discounted line
 * (amounts computed here by hand), the delivery charges given back once everything of their group is back, an order
 * on terms whose credit memo lowers what its account owes, previews that change nothing, appeasements before and
 * after invoicing, and a cancel after a capture.
 */
@HubTest
class CreditMemosIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    /**
     * Line 1 (DG1): 3 × 129.00 less 10.01, tax 23.56: total 400.55. Line 2 (DG2): 2 × 10.20, tax 1.25: total 21.65.
     * Delivery DG1 15.00 + 0.94 tax, DG2 5.00 + 0.31 tax. Grand total 443.45; the two invoices (one a group) are
     * 416.49 and 26.96, each captured.
     */
    private static final String TWO_GROUPS = """
            {"externalOrderId": "%s", "channel": "b2b-portal", "orderedAt": "2026-11-02T09:30:00Z", "currency": "USD",
             "buyer": {"name": "Riley Chen", "email": "riley@acme.example"},
             "payment": {"method": "CARD", "token": "tok_visa"},
             "billTo": {"name": "Riley Chen", "line1": "1 Main St", "city": "Austin", "region": "TX",
                        "postalCode": "78701", "country": "US"},
             "deliveryGroups": [
               {"id": "DG1", "method": "GROUND", "shipTo": {"name": "Riley Chen", "line1": "1 Main St",
                 "city": "Austin", "region": "TX", "postalCode": "78701", "country": "US"}},
               {"id": "DG2", "method": "GROUND", "shipTo": {"name": "Riley Chen", "line1": "9 Dock Rd",
                 "city": "Austin", "region": "TX", "postalCode": "78744", "country": "US"}}],
             "lines": [
               {"lineId": "1", "sku": "DRILL-18V", "quantity": 3, "unitPrice": "129.00", "deliveryGroupId": "DG1",
                "adjustments": [{"type": "DISCOUNT", "amount": "-10.01", "reason": "coupon"}],
                "taxLines": [{"jurisdiction": "US-TX", "name": "Texas", "rate": "0.0625", "amount": "23.56"}]},
               {"lineId": "2", "sku": "BIT-SET-50", "quantity": 2, "unitPrice": "10.20", "deliveryGroupId": "DG2",
                "taxLines": [{"jurisdiction": "US-TX", "name": "Texas", "rate": "0.0625", "amount": "1.25"}]}],
             "charges": [
               {"type": "DELIVERY", "amount": "15.00", "deliveryGroupId": "DG1",
                "taxLines": [{"jurisdiction": "US-TX", "name": "Texas", "rate": "0.0625", "amount": "0.94"}]},
               {"type": "DELIVERY", "amount": "5.00", "deliveryGroupId": "DG2",
                "taxLines": [{"jurisdiction": "US-TX", "name": "Texas", "rate": "0.0625", "amount": "0.31"}]}],
             "taxMode": "NET"}""";

    @LocalServerPort
    int port;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReturnStock stock;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void aPartReturnThenTheRestOfATwoGroupCardOrderAreRefundedToTheCentDeliveryLast() {
        String orderId = closed(TWO_GROUPS.formatted("CM-" + UUID.randomUUID()));
        assertThat(order(orderId).path("totals").path("grandTotal").asString()).isEqualTo("443.45");
        String bitsFrom = shippedFrom(orderId, "DG2");
        int bitsOnHand = onHand("BIT-SET-50", bitsFrom);

        // 1 of 3 drills: 400.55 / 3 = 133.5166… → 133.52, tax 23.56 / 3 = 7.8533… → 7.85;
        // 1 of 2 bit sets: 21.65 / 2 = 10.825 → 10.82 (half-even), tax 1.25 / 2 = 0.625 → 0.62; no delivery yet
        String first = returned(orderId, """
                {"lines": [{"lineId": "1", "quantity": 1, "reason": "too heavy"},
                           {"lineId": "2", "quantity": 1, "reason": "broken"}]}""", """
                {"receiptId": "R-1", "lines": [{"lineId": "1", "quantity": 1, "condition": "RESTOCKABLE"},
                                               {"lineId": "2", "quantity": 1, "condition": "DAMAGED"}]}""");
        assertThat(onHand("BIT-SET-50", bitsFrom))
                .as("a damaged unit is not restocked")
                .isEqualTo(bitsOnHand);
        JsonNode memo = onlyMemoOf(orderId, first);
        assertThat(memo.path("number").asString()).matches("CM-\\d{8}");
        assertThat(memo.path("status").asString()).isEqualTo("REFUNDED");
        assertThat(lines(memo)).containsExactly("1 x1 125.67 + 7.85 = 133.52", "2 x1 10.20 + 0.62 = 10.82");
        assertThat(memo.path("charges")).isEmpty();
        assertThat(List.of(
                        memo.path("net").asString(),
                        memo.path("tax").asString(),
                        memo.path("total").asString()))
                .containsExactly("135.87", "8.47", "144.34");
        assertRefundedOldestCaptureFirst(orderId, memo, BigDecimal.ZERO);
        assertThat(json(hub.get("/api/return-orders/" + first, OPERATOR), 200)
                        .path("status")
                        .asString())
                .isEqualTo("CLOSED");

        // the rest: each line's last units take what is left; both groups are all back, so both deliveries go back
        String rest = returned(orderId, """
                {"lines": [{"lineId": "1", "quantity": 2}, {"lineId": "2", "quantity": 1}]}""", """
                {"receiptId": "R-2", "lines": [{"lineId": "1", "quantity": 2, "condition": "RESTOCKABLE"},
                                               {"lineId": "2", "quantity": 1, "condition": "RESTOCKABLE"}]}""");
        JsonNode last = onlyMemoOf(orderId, rest);
        assertThat(lines(last)).containsExactly("1 x2 251.32 + 15.71 = 267.03", "2 x1 10.20 + 0.63 = 10.83");
        assertThat(last.path("charges")
                        .valueStream()
                        .map(c -> c.path("deliveryGroupId").asString() + " "
                                + c.path("net").asString() + " + "
                                + c.path("tax").asString() + " = "
                                + c.path("total").asString())
                        .toList())
                .containsExactly("DG1 15.00 + 0.94 = 15.94", "DG2 5.00 + 0.31 = 5.31");
        assertThat(last.path("total").asString()).isEqualTo("299.11");
        assertRefundedOldestCaptureFirst(orderId, last, new BigDecimal("144.34"));

        JsonNode summary = order(orderId);
        assertThat(summary.path("status").asString()).isEqualTo("CLOSED");
        assertThat(summary.path("payment").path("captured").asString()).isEqualTo("443.45");
        assertThat(summary.path("payment").path("refunded").asString()).isEqualTo("443.45");
        assertThat(summary.path("creditMemos")).hasSize(2);
        assertValid("order-summary.json", summary);

        JsonNode listed = json(hub.get("/api/credit-memos?orderId=" + orderId, OPERATOR), 200);
        assertThat(listed.path("page").asInt()).isZero();
        assertThat(listed.path("size").asInt()).isEqualTo(20);
        assertThat(listed.path("total").asLong()).isEqualTo(2);
        assertThat(listed.path("items")
                        .valueStream()
                        .map(m -> m.path("total").asString())
                        .toList())
                .containsExactly("144.34", "299.11");
        JsonNode second = json(hub.get("/api/credit-memos?orderId=" + orderId + "&page=1&size=1", OPERATOR), 200);
        assertThat(List.of(
                        second.path("page").asInt(),
                        second.path("size").asInt(),
                        second.path("total").asInt()))
                .containsExactly(1, 1, 2);
        assertThat(second.path("items")
                        .valueStream()
                        .map(m -> m.path("total").asString())
                        .toList())
                .as("the second page of one: the newer memo")
                .containsExactly("299.11");
        assertThat(json(hub.get("/api/credit-memos/" + last.path("number").asString(), OPERATOR), 200)
                        .path("returnOrder")
                        .asString())
                .isEqualTo(rest);
        json(hub.get("/api/credit-memos/CM-99999999", OPERATOR), 404);

        await().atMost(PIPELINE).untilAsserted(() -> {
            assertThat(events(orderId, "orderhub.credit-memo.created")).hasSize(2);
            assertThat(events(orderId, "orderhub.payment.refunded")).hasSize(2);
        });
        for (JsonNode event : events(orderId, "orderhub.credit-memo.created")) {
            assertValid("events/cloudevent.json", event);
            assertValid("events/orderhub.credit-memo.created.json", event.path("data"));
        }
        for (JsonNode event : events(orderId, "orderhub.payment.refunded")) {
            assertValid("events/orderhub.payment.refunded.json", event.path("data"));
        }
    }

    @Test
    void anOrderOnTermsGetsItsCreditMemoAgainstItsAccountNotARefund() {
        String orderId = closed(
                SampleOrders.fresh().replace("\"payment\": {\"method\": \"CARD\", \"token\": \"tok_visa\"}", """
                        "payment": {"method": "INVOICE", "terms": "NET30"}"""));
        JsonNode invoice = order(orderId).path("invoices").path(0);
        assertThat(invoice.path("total").asString()).isEqualTo("552.29");
        BigDecimal owed = balance("ACME-01");

        // 1 of 4 drills: (516.00 − 25.80 + 40.44) / 4 = 132.66
        String rma = returned(
                orderId,
                "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}",
                "{\"receiptId\": \"T-1\", \"lines\": [{\"lineId\": \"1\", \"quantity\": 1, \"condition\": \"RESTOCKABLE\"}]}");
        JsonNode memo = onlyMemoOf(orderId, rma);
        assertThat(memo.path("status").asString()).isEqualTo("POSTED");
        assertThat(memo.path("total").asString()).isEqualTo("132.66");
        assertThat(memo.path("refunds")).isEmpty();
        assertThat(json(hub.get("/api/return-orders/" + rma, OPERATOR), 200)
                        .path("status")
                        .asString())
                .isEqualTo("CLOSED");
        assertThat(balance("ACME-01")).isEqualByComparingTo(owed.subtract(new BigDecimal("132.66")));
        JsonNode open = json(hub.get("/api/accounts/ACME-01", OPERATOR), 200)
                .path("openInvoices")
                .valueStream()
                .filter(i -> i.path("number")
                        .asString()
                        .equals(invoice.path("number").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(open.path("paid").asString()).isEqualTo("132.66");
        assertThat(open.path("open").asString()).isEqualTo("419.63");
        assertThat(order(orderId).path("payment").path("refunded").asString()).isEqualTo("0.00");
    }

    @Test
    void previewsOfAReturnAndOfACancelChangeNothing() {
        String orderId = closed(SampleOrders.fresh());
        JsonNode before = order(orderId);

        JsonNode preview = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns?preview=true",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 2}]}"),
                200);
        JsonNode line = preview.path("lines").path(0);
        assertThat(line.path("before").path("returnInitiated").asInt()).isZero();
        assertThat(line.path("after").path("returnInitiated").asInt()).isEqualTo(2);
        // 2 of 4 drills: 530.64 / 2 = 265.32, tax 40.44 / 2 = 20.22
        assertThat(lines(preview.path("creditMemo"))).containsExactly("1 x2 245.10 + 20.22 = 265.32");
        assertThat(preview.path("refund").asString()).isEqualTo("265.32");
        assertThat(preview.path("refunds").path(0).path("amount").asString()).isEqualTo("265.32");
        json(
                hub.post(
                        "/api/orders/" + orderId + "/returns?preview=true",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 5}]}"),
                422);

        JsonNode after = order(orderId);
        assertThat(after.path("version").asLong())
                .isEqualTo(before.path("version").asLong());
        assertThat(after.path("returnOrders")).isEmpty();
        assertThat(after.path("creditMemos")).isEmpty();

        String waiting = WaitingOrders.submit(hub);
        long version = order(waiting).path("version").asLong();
        JsonNode cancel = json(
                hub.post(
                        "/api/orders/" + waiting + "/cancel?preview=true",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1}]}"),
                200);
        assertThat(cancel.path("lines").path(0).path("after").path("canceled").asInt())
                .isEqualTo(1);
        assertThat(cancel.path("totalsBefore").path("grandTotal").asString()).isEqualTo("552.29");
        assertThat(new BigDecimal(cancel.path("totalsAfter").path("grandTotal").asString()))
                .isLessThan(new BigDecimal("552.29"));
        assertThat(cancel.path("refund").asString()).isEqualTo("0.00");
        JsonNode untouched = order(waiting);
        assertThat(untouched.path("version").asLong()).isEqualTo(version);
        assertThat(untouched
                        .path("lines")
                        .path(0)
                        .path("quantities")
                        .path("canceled")
                        .asInt())
                .isZero();
    }

    @Test
    void anAppeasementBeforeInvoicingLowersTheOrderAndAfterItIsACreditMemoRefunded() {
        String waiting = WaitingOrders.submit(hub);
        // 53.06 of line 1's 530.64: tax 53.06 × 40.44 / 530.64 = 4.0438… → 4.04, net 49.02
        JsonNode lowered = json(
                hub.post(
                        "/api/orders/" + waiting + "/adjustments",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"amount\": \"53.06\"}], \"reason\": \"late\"}"),
                200);
        assertThat(lowered.path("invoiced").asBoolean()).isFalse();
        assertThat(lowered.has("creditMemo")).isFalse();
        assertThat(lines(lowered)).containsExactly("1 x0 49.02 + 4.04 = 53.06");
        JsonNode order = order(waiting);
        assertThat(order.path("totals").path("grandTotal").asString()).isEqualTo("499.23");
        assertThat(order.path("totals").path("tax").asString()).isEqualTo("38.05");
        assertThat(order.path("lines")
                        .path(0)
                        .path("adjustments")
                        .path(1)
                        .path("amount")
                        .asString())
                .isEqualTo("-49.02");
        assertThat(order.path("creditMemos")).isEmpty();

        for (String[] refused : List.of(
                new String[] {
                    "{\"lines\": [{\"lineId\": \"1\", \"amount\": \"9999.00\"}], \"reason\": \"x\"}", "below-zero"
                },
                new String[] {"{\"lines\": [{\"lineId\": \"1\", \"percent\": 0}], \"reason\": \"x\"}", "percent-range"},
                new String[] {
                    "{\"lines\": [{\"lineId\": \"9\", \"amount\": \"1.00\"}], \"reason\": \"x\"}", "line-exists"
                },
                new String[] {
                    "{\"lines\": [{\"lineId\": \"1\", \"amount\": \"-1.00\"}], \"reason\": \"x\"}", "amount-positive"
                },
                new String[] {"{\"orderAmount\": \"1.00\"}", "reason-required"})) {
            assertThat(json(hub.post("/api/orders/" + waiting + "/adjustments", OPERATOR, refused[0]), 422)
                            .path("rule")
                            .asString())
                    .isEqualTo(refused[1]);
        }

        String orderId = closed(SampleOrders.fresh());
        // 10 % of 530.64 = 53.064 → 53.06; tax 4.04 as above
        JsonNode adjusted = json(
                hub.post(
                        "/api/orders/" + orderId + "/adjustments",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"percent\": 10}], \"reason\": \"scratched\"}"),
                200);
        assertThat(adjusted.path("invoiced").asBoolean()).isTrue();
        assertThat(adjusted.path("total").asString()).isEqualTo("53.06");
        JsonNode memo =
                json(hub.get("/api/credit-memos/" + adjusted.path("creditMemo").asString(), OPERATOR), 200);
        assertThat(memo.path("status").asString()).isEqualTo("REFUNDED");
        assertThat(lines(memo)).containsExactly("1 x0 49.02 + 4.04 = 53.06");
        JsonNode summary = order(orderId);
        assertThat(summary.path("totals").path("grandTotal").asString()).isEqualTo("552.29");
        assertThat(summary.path("payment").path("refunded").asString()).isEqualTo("53.06");

        // the whole line back afterwards: what is left of it and the delivery, never more than was captured
        String rma = returned(
                orderId,
                "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 4}]}",
                "{\"receiptId\": \"A-1\", \"lines\": [{\"lineId\": \"1\", \"quantity\": 4, \"condition\": \"RESTOCKABLE\"}]}");
        assertThat(onlyMemoOf(orderId, rma).path("total").asString()).isEqualTo("499.23");
        assertThat(order(orderId).path("payment").path("refunded").asString()).isEqualTo("552.29");
        await().atMost(PIPELINE)
                .untilAsserted(() ->
                        assertThat(events(orderId, "orderhub.order.adjusted")).hasSize(1));
        assertValid(
                "events/cloudevent.json",
                events(orderId, "orderhub.order.adjusted").get(0));
    }

    @Test
    void aCancelAfterACaptureOfWhatShippedLeavesNothingToRefund() {
        String sku = "TEST-" + UUID.randomUUID();
        stock.restock("WH-EAST", sku, 2);
        ObjectNode body = (ObjectNode) JSON.readTree(SampleOrders.fresh());
        ObjectNode line = (ObjectNode) body.path("lines").path(0);
        line.put("sku", sku).put("quantity", 5).put("unitPrice", "10.00").remove("adjustments");
        String orderId = json(hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(body)), 202)
                .path("id")
                .asString();
        // 2 shipped and captured (20.00 + tax 1.25 + 0.40, delivery 20.00 + 1.65: 43.30), 3 backordered
        await().atMost(PIPELINE)
                .untilAsserted(() -> assertThat(order(orderId).path("invoices")).hasSize(1));
        JsonNode partly = order(orderId);
        assertThat(partly.path("totals").path("grandTotal").asString()).isEqualTo("75.78");
        assertThat(partly.path("payment").path("captured").asString()).isEqualTo("43.30");

        String cancel = "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 3}]}";
        JsonNode preview = json(hub.post("/api/orders/" + orderId + "/cancel?preview=true", OPERATOR, cancel), 200);
        assertThat(preview.path("totalsAfter").path("grandTotal").asString()).isEqualTo("43.30");
        assertThat(preview.path("refund").asString()).isEqualTo("0.00");
        assertThat(preview.path("authorizationReleased").asString()).isEqualTo("32.48");

        JsonNode canceled = json(hub.post("/api/orders/" + orderId + "/cancel", OPERATOR, cancel), 200);
        assertThat(canceled.path("totals").path("grandTotal").asString()).isEqualTo("43.30");
        assertThat(canceled.path("payment").path("captured").asString()).isEqualTo("43.30");
        assertThat(canceled.path("payment").path("balance").asString()).isEqualTo("0.00");
        assertThat(canceled.path("payment").path("refunded").asString()).isEqualTo("0.00");
        assertThat(canceled.path("creditMemos")).isEmpty();
        // everything left is shipped and captured: the order closes now, not at the sweeper's next look (30 s idle)
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(order(orderId).path("status").asString()).isEqualTo("CLOSED"));
    }

    /** Opens a return, authorises it and records its one receipt; answers its RMA number. */
    private String returned(String orderId, String request, String receipt) {
        String rma = json(hub.post("/api/orders/" + orderId + "/returns", OPERATOR, request), 201)
                .path("number")
                .asString();
        json(hub.post("/api/return-orders/" + rma + "/authorize", OPERATOR, ""), 200);
        JsonNode received = json(hub.post("/api/return-orders/" + rma + "/receipts", OPERATOR, receipt), 200);
        assertThat(received.path("status").asString()).isEqualTo("CLOSED");
        return rma;
    }

    /**
     * The memo's refunds take the order's captures oldest first, each within what it still holds after the
     * {@code before} refunded from them earlier, and add up to the memo.
     */
    private void assertRefundedOldestCaptureFirst(String orderId, JsonNode memo, BigDecimal before) {
        List<BigDecimal> captures = new ArrayList<>();
        List<String> references = new ArrayList<>();
        order(orderId)
                .path("payment")
                .path("transactions")
                .valueStream()
                .filter(t -> t.path("kind").asString().equals("CAPTURE"))
                .forEach(t -> {
                    captures.add(new BigDecimal(t.path("amount").asString()));
                    references.add(t.path("reference").asString());
                });
        assertThat(captures).hasSize(2);
        List<String> expected = new ArrayList<>();
        BigDecimal skip = before;
        BigDecimal left = new BigDecimal(memo.path("total").asString());
        for (int i = 0; i < captures.size() && left.signum() > 0; i++) {
            BigDecimal holds = captures.get(i).subtract(skip).max(BigDecimal.ZERO);
            skip = skip.subtract(captures.get(i)).max(BigDecimal.ZERO);
            BigDecimal amount = holds.min(left);
            if (amount.signum() > 0) {
                expected.add(references.get(i) + " " + amount);
                left = left.subtract(amount);
            }
        }
        assertThat(memo.path("refunds")
                        .valueStream()
                        .map(r -> r.path("capture").asString() + " "
                                + r.path("amount").asString())
                        .toList())
                .containsExactlyElementsOf(expected);
        assertThat(memo.path("refunds")
                        .valueStream()
                        .allMatch(r -> r.path("reference").asString().startsWith("re_")))
                .isTrue();
    }

    private JsonNode onlyMemoOf(String orderId, String rma) {
        List<JsonNode> memos = json(hub.get("/api/credit-memos?orderId=" + orderId, OPERATOR), 200)
                .path("items")
                .valueStream()
                .filter(m -> m.path("returnOrder").asString().equals(rma))
                .toList();
        assertThat(memos).hasSize(1);
        return memos.get(0);
    }

    private static List<String> lines(JsonNode memo) {
        return memo.path("lines")
                .valueStream()
                .map(l -> l.path("lineId").asString() + " x"
                        + l.path("quantity").asInt() + " "
                        + l.path("net").asString() + " + " + l.path("tax").asString() + " = "
                        + l.path("total").asString())
                .toList();
    }

    private String closed(String body) {
        String id = json(hub.post("/api/orders", HubTestContext.INGEST_KEY, body), 202)
                .path("id")
                .asString();
        await().atMost(PIPELINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(order(id).path("status").asString()).isEqualTo("CLOSED"));
        return id;
    }

    private JsonNode order(String id) {
        return HubOrders.order(hub, id);
    }

    private BigDecimal balance(String accountId) {
        JsonNode balance = json(hub.get("/api/accounts/" + accountId, OPERATOR), 200)
                .path("balance")
                .path("USD");
        return balance.isMissingNode() ? BigDecimal.ZERO : new BigDecimal(balance.asString());
    }

    private String shippedFrom(String orderId, String group) {
        return order(orderId)
                .path("fulfillmentOrders")
                .valueStream()
                .filter(fo -> fo.path("deliveryGroupId").asString().equals(group))
                .findFirst()
                .orElseThrow()
                .path("location")
                .asString();
    }

    private int onHand(String sku, String location) {
        return inventory.levels(sku).stream()
                .filter(l -> l.location().equals(location))
                .mapToInt(Inventory.Level::onHand)
                .findFirst()
                .orElse(0);
    }

    private List<JsonNode> events(String orderId, String type) {
        return jdbc
                .sql("SELECT payload FROM outbox WHERE subject = ? AND type = ? ORDER BY id")
                .param(orderId)
                .param(type)
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .toList();
    }
}
