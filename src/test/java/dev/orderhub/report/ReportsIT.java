package dev.orderhub.report;

import static dev.orderhub.support.HubOrders.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The prebuilt reports over two orders made through the pipeline (README's order, in a channel of this test's own):
 * what each report says of them, as CSV and JSON, and the problem answers to a bad request.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIT {
    private static final String OPERATOR = HubTestContext.OPERATOR_KEY;

    @LocalServerPort
    int port;

    HubClient hub;
    String channel;
    List<JsonNode> orders;

    @BeforeAll
    void twoClosedOrders() {
        hub = new HubClient(port);
        channel = ReportOrders.channel();
        orders = List.of(ReportOrders.closedOrder(hub, channel, null), ReportOrders.closedOrder(hub, channel, "de-DE"));
    }

    @Test
    void ordersReportAsCsvCarriesTheOrdersAndNoPersonalData() {
        HttpResponse<String> response = hub.get("/api/reports/orders?channel=" + channel, OPERATOR);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).contains("orders.csv"));
        assertThat(response.body()).endsWith("\r\n").doesNotContain("riley@acme.example", "Riley Chen", "Main St");
        List<Map<String, String>> rows = csv(response.body());
        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode order = orders.get(i);
            Map<String, String> row = rows.get(i);
            assertThat(row)
                    .containsEntry("id", order.path("id").asString())
                    .containsEntry(
                            "external_order_id", order.path("externalOrderId").asString())
                    .containsEntry("channel", channel)
                    .containsEntry("account_id", "ACME-01")
                    .containsEntry("status", "CLOSED")
                    .containsEntry("currency", "USD")
                    .containsEntry("grand_total", "552.29")
                    .containsEntry("payment_method", "CARD");
            // the database keeps microseconds
            assertThat(Duration.between(
                                    Instant.parse(order.path("createdAt").asString()),
                                    Instant.parse(row.get("created_at")))
                            .abs())
                    .isLessThan(Duration.ofMillis(1));
        }
    }

    @Test
    void ordersReportAsJsonIsAnArrayOfObjects() {
        HttpResponse<String> response =
                hub.get("/api/reports/orders?format=json&account=ACME-01&channel=" + channel, OPERATOR);

        JsonNode rows = json(response, 200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.valueStream().map(row -> row.path("id").asString()))
                .containsExactly(
                        orders.get(0).path("id").asString(),
                        orders.get(1).path("id").asString());
        assertThat(rows.path(0).path("grand_total").asString()).isEqualTo("552.29");
        assertThat(rows.path(0).path("account_id").asString()).isEqualTo("ACME-01");
    }

    @Test
    void fulfillmentOrdersReportHasEachOrdersFulfillmentOrders() {
        List<Map<String, String>> rows = csv(report("fulfillment-orders"));

        List<String> expected = new ArrayList<>();
        orders.forEach(order -> order.path("fulfillmentOrders")
                .forEach(fo -> expected.add(
                        fo.path("id").asString() + " " + order.path("id").asString() + " "
                                + fo.path("location").asString() + " "
                                + fo.path("status").asString())));
        assertThat(rows.stream()
                        .map(row -> row.get("id") + " " + row.get("order_id") + " " + row.get("location") + " "
                                + row.get("status"))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(expected)
                .isNotEmpty();
    }

    @Test
    void invoicesReportHasTheInvoicedAmounts() {
        List<Map<String, String>> rows = csv(report("invoices"));

        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode invoice = orders.get(i).path("invoices").path(0);
            assertThat(rows.get(i))
                    .containsEntry("number", invoice.path("number").asString())
                    .containsEntry("order_id", orders.get(i).path("id").asString())
                    .containsEntry("currency", "USD")
                    .containsEntry("products", "516.00")
                    .containsEntry("adjustments", "-25.80")
                    .containsEntry("charges", "20.00")
                    .containsEntry("tax", "42.09")
                    .containsEntry("total", "552.29");
        }
    }

    @Test
    void paymentsReportHasEveryGatewayTransactionOfTheOrders() {
        List<Map<String, String>> rows = csv(report("payments"));

        List<String> expected = new ArrayList<>();
        orders.forEach(order -> order.path("payment")
                .path("transactions")
                .forEach(t -> expected.add(order.path("id").asString() + " "
                        + t.path("kind").asString() + " " + t.path("outcome").asString() + " "
                        + t.path("amount").asString())));
        assertThat(rows.stream()
                        .map(row -> row.get("order_id") + " " + row.get("kind") + " " + row.get("outcome") + " "
                                + row.get("amount"))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(expected)
                .isNotEmpty();
    }

    @Test
    void returnsReportHasAReturnOrderRequested() {
        String orderId = orders.get(0).path("id").asString();
        JsonNode rma = json(
                hub.post(
                        "/api/orders/" + orderId + "/returns",
                        OPERATOR,
                        "{\"lines\": [{\"lineId\": \"1\", \"quantity\": 1, \"reason\": \"damaged\"}]}"),
                201);

        List<Map<String, String>> rows = csv(report("returns"));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("number", rma.path("number").asString())
                .containsEntry("order_id", orderId)
                .containsEntry("status", rma.path("status").asString())
                .containsEntry("reason", "damaged")
                .containsEntry("quantity", "1")
                .containsEntry("received", "0");
    }

    @Test
    void creditMemosReportHasACreditMemoOfAReturnReceived() {
        // an order of its own, so that its return and refund change nothing the other reports' tests see
        String memoChannel = ReportOrders.channel();
        String orderId =
                ReportOrders.closedOrder(hub, memoChannel, null).path("id").asString();
        JsonNode memo = ReportOrders.creditMemo(hub, orderId);
        String number = memo.path("number").asString();

        String body = report("credit-memos", memoChannel, "");
        assertThat(body)
                .startsWith("number,order_id,channel,account_id,return_order,status,currency,created_at,updated_at,net,"
                        + "tax,total\r\n")
                .doesNotContain("riley@acme.example", "Riley Chen", "Main St");
        List<Map<String, String>> rows = csv(body);
        assertThat(rows).hasSize(1);
        Map<String, String> row = rows.get(0);
        assertThat(row)
                .containsEntry("number", number)
                .containsEntry("order_id", orderId)
                .containsEntry("channel", memoChannel)
                .containsEntry("account_id", "ACME-01")
                .containsEntry("return_order", memo.path("returnOrder").asString())
                .containsEntry("status", memo.path("status").asString())
                .containsEntry("currency", "USD")
                .containsEntry("net", memo.path("net").asString())
                .containsEntry("tax", memo.path("tax").asString())
                .containsEntry("total", "132.66");
        // the database keeps microseconds
        assertThat(Duration.between(
                                Instant.parse(memo.path("createdAt").asString()), Instant.parse(row.get("created_at")))
                        .abs())
                .isLessThan(Duration.ofMillis(1));

        JsonNode rowsAsJson = json(
                hub.get("/api/reports/credit-memos?format=json&account=ACME-01&channel=" + memoChannel, OPERATOR), 200);
        assertThat(rowsAsJson.valueStream().map(r -> r.path("number").asString()))
                .containsExactly(number);
        assertThat(csv(report("credit-memos", memoChannel, "&account=NO-SUCH-ACCOUNT")))
                .isEmpty();
        assertThat(csv(report("credit-memos", memoChannel, "&from=" + row.get("created_at"))))
                .hasSize(1);
        assertThat(csv(report("credit-memos", memoChannel, "&to=" + row.get("created_at"))))
                .isEmpty();
        assertThat(csv(report("credit-memos")))
                .as("none in the other orders' channel")
                .isEmpty();
    }

    @Test
    void fromAndToTakeDatesAndInstants() {
        // the second order's creation as the database keeps it
        String createdAt = csv(report("orders")).get(1).get("created_at");
        String day = createdAt.substring(0, 10);

        assertThat(csv(report("orders", "&from=" + day + "&to=" + day))).hasSize(2);
        assertThat(csv(report("orders", "&from=" + createdAt))).hasSize(1);
        assertThat(csv(report("orders", "&to=" + createdAt))).hasSize(1);
        assertThat(csv(report("orders", "&from=2000-01-01&to=2000-01-02"))).isEmpty();
    }

    @Test
    void badRequestsAreProblems() {
        HttpResponse<String> unknown = hub.get("/api/reports/no-such-report", OPERATOR);
        assertThat(json(unknown, 404).path("detail").asString()).startsWith("no report named no-such-report");
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(hub.get("/api/reports/orders?from=yesterday", OPERATOR), 400)
                        .path("detail")
                        .asString())
                .startsWith("from must be a date");
        assertThat(json(hub.get("/api/reports/orders?from=2026-12-02&to=2026-12-01", OPERATOR), 400)
                        .path("detail")
                        .asString())
                .isEqualTo("from must be before to");
        assertThat(json(hub.get("/api/reports/orders?format=xml", OPERATOR), 400)
                        .path("detail")
                        .asString())
                .isEqualTo("format must be csv or json");
        assertThat(hub.get("/api/reports/orders", null).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/reports/orders", HubTestContext.INGEST_KEY).statusCode())
                .isEqualTo(403);
    }

    private String report(String name) {
        return report(name, "");
    }

    private String report(String name, String parameters) {
        return report(name, channel, parameters);
    }

    private String report(String name, String inChannel, String parameters) {
        HttpResponse<String> response =
                hub.get("/api/reports/" + name + "?channel=" + inChannel + parameters, OPERATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** RFC 4180 rows of a report without quoted fields, keyed by the header's names. */
    static List<Map<String, String>> csv(String body) {
        List<String> lines = Arrays.asList(body.split("\r\n"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        return lines.stream()
                .skip(1)
                .map(line -> {
                    String[] values = line.split(",", -1);
                    assertThat(values).as(line).hasSameSizeAs(header);
                    Map<String, String> row = new TreeMap<>();
                    for (int i = 0; i < values.length; i++) {
                        row.put(header.get(i), values[i]);
                    }
                    return row;
                })
                .collect(Collectors.toList());
    }
}
