package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The order endpoints of the REST contract, as a channel and an operator use them. */
@HubTest
class OrdersApiIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Where the README order may stand while the pipeline runs it: anything but a failure. */
    private static final List<String> HEALTHY_STATUSES = List.of(
            "RECEIVED",
            "ACCEPTED",
            "APPROVED",
            "PARTIALLY_ALLOCATED",
            "ALLOCATED",
            "PARTIALLY_FULFILLED",
            "FULFILLED",
            "CLOSED");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void duplicateAnswers200WithTheSameIdAndStoresNothingTwice() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String order = SampleOrders.withExternalId(externalOrderId);

        HttpResponse<String> first = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
        HttpResponse<String> second = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode created = JSON.readTree(first.body());
        assertThat(created.path("id").asString()).isNotBlank();
        assertThat(created.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).path("id").asString())
                .isEqualTo(created.path("id").asString());
        assertThat(storedOrders(externalOrderId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_history WHERE order_id = ? AND action = 'CREATED'")
                        .param(created.path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void summaryCarriesTheSubmittedFieldsTotalsAndQuantities() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        HttpResponse<String> posted =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.withExternalId(externalOrderId));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(JSON.readTree(posted.body()).path("status").asString()).isEqualTo("RECEIVED");
        String id = JSON.readTree(posted.body()).path("id").asString();

        // the pipeline moves the order on at once, so only what holds in every status is asserted here
        HttpResponse<String> response = hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = JSON.readTree(response.body());
        assertThat(order.path("id").asString()).isEqualTo(id);
        assertThat(order.path("status").asString()).isIn(HEALTHY_STATUSES);
        assertThat(order.path("version").isIntegralNumber())
                .as("version is a number")
                .isTrue();
        assertThat(order.path("version").asLong()).isNotNegative();
        assertThat(order.path("createdAt").asString()).isNotBlank();
        assertThat(order.path("updatedAt").asString()).isNotBlank();
        // as submitted
        assertThat(order.path("channel").asString()).isEqualTo("b2b-portal");
        assertThat(order.path("externalOrderId").asString()).isEqualTo(externalOrderId);
        assertThat(order.path("orderedAt").asString()).isEqualTo("2026-11-02T09:30:00Z");
        assertThat(order.path("currency").asString()).isEqualTo("USD");
        assertThat(order.path("account").path("accountId").asString()).isEqualTo("ACME-01");
        assertThat(order.path("account").path("taxId").asString()).isEqualTo("12-3456789");
        assertThat(order.path("buyer").path("email").asString()).isEqualTo("riley@acme.example");
        assertThat(order.path("poNumber").asString()).isEqualTo("4500012345");
        assertThat(order.path("payment").path("method").asString()).isEqualTo("CARD");
        assertThat(order.path("billTo").path("region").asString()).isEqualTo("TX");
        assertThat(order.path("taxMode").asString()).isEqualTo("NET");
        JsonNode group = order.path("deliveryGroups").path(0);
        assertThat(group.path("id").asString()).isEqualTo("DG1");
        assertThat(group.path("method").asString()).isEqualTo("GROUND");
        assertThat(group.path("desiredDeliveryDate").asString()).isEqualTo("2026-11-10");
        assertThat(group.path("shipTo").path("postalCode").asString()).isEqualTo("78744");
        assertThat(order.path("charges").path(0).path("type").asString()).isEqualTo("DELIVERY");
        assertMoney(order.path("charges").path(0).path("amount"), "20.00");
        JsonNode line = order.path("lines").path(0);
        assertThat(order.path("lines").size()).isEqualTo(1);
        assertThat(line.path("lineId").asString()).isEqualTo("1");
        assertThat(line.path("sku").asString()).isEqualTo("DRILL-18V");
        assertThat(line.path("description").asString()).isEqualTo("Cordless drill 18V");
        assertThat(line.path("deliveryGroupId").asString()).isEqualTo("DG1");
        assertMoney(line.path("unitPrice"), "129.00");
        assertMoney(line.path("adjustments").path(0).path("amount"), "-25.80");
        assertThat(line.path("adjustments").path(0).path("reason").asString()).isEqualTo("contract 5%");
        // added by the hub
        JsonNode totals = order.path("totals");
        assertMoney(totals.path("products"), "516.00");
        assertMoney(totals.path("adjustments"), "-25.80");
        assertMoney(totals.path("charges"), "20.00");
        assertThat(totals.path("tax").isString())
                .as("totals.tax is a money string in %s", totals)
                .isTrue();
        // NET: 516.00 - 25.80 + 20.00 = 510.20 before tax (tax is 0.00 until acceptance has taxed the order)
        assertMoney(
                totals.path("grandTotal"),
                new BigDecimal("510.20")
                        .add(new BigDecimal(totals.path("tax").asString()))
                        .toPlainString());
        JsonNode quantities = line.path("quantities");
        assertThat(quantities.path("ordered").asInt()).isEqualTo(4);
        for (String bucket : List.of("canceled", "allocated", "fulfilled", "returnInitiated", "returned")) {
            assertThat(quantities.path(bucket).isIntegralNumber())
                    .as("quantities.%s present", bucket)
                    .isTrue();
        }
        assertThat(quantities.path("canceled").asInt()
                        + quantities.path("allocated").asInt())
                .isLessThanOrEqualTo(4);
        assertThat(quantities.path("fulfilled").asInt())
                .isLessThanOrEqualTo(quantities.path("allocated").asInt());
    }

    @Test
    void listByChannelAndExternalIdFindsExactlyTheOrder() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String id = submit(SampleOrders.withExternalId(externalOrderId));

        HttpResponse<String> response = hub.get(
                "/api/orders?channel=b2b-portal&externalOrderId="
                        + URLEncoder.encode(externalOrderId, StandardCharsets.UTF_8),
                HubTestContext.OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("page").asInt(-1)).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("items").size()).isEqualTo(1);
        JsonNode item = page.path("items").path(0);
        assertThat(item.path("id").asString()).isEqualTo(id);
        assertThat(item.path("channel").asString()).isEqualTo("b2b-portal");
        assertThat(item.path("externalOrderId").asString()).isEqualTo(externalOrderId);
        assertThat(item.path("status").asString()).isIn(HEALTHY_STATUSES);
        assertThat(item.path("currency").asString()).isEqualTo("USD");
        assertMoney(item.path("totals").path("products"), "516.00");
        assertThat(item.path("createdAt").asString()).isNotBlank();
    }

    @Test
    void aStatusNoOrderCanHaveIsA400ProblemNotAnEmptyList() {
        HttpResponse<String> response = hub.get("/api/orders?status=BOGUS", HubTestContext.OPERATOR_KEY);

        assertProblem(response, 400);
        assertThat(hub.get("/api/orders?status=CLOSED", HubTestContext.OPERATOR_KEY)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void historyStartsWithCreated() {
        String id = submit(SampleOrders.fresh());

        HttpResponse<String> response = hub.get("/api/orders/" + id + "/history", HubTestContext.OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.path("page").asInt(-1)).isZero();
        JsonNode created = page.path("items").path(0);
        assertThat(created.path("action").asString()).isEqualTo("CREATED");
        assertThat(created.path("fromStatus").isMissingNode()
                        || created.path("fromStatus").isNull())
                .isTrue();
        assertThat(created.path("toStatus").asString()).isEqualTo("RECEIVED");
        assertThat(created.path("at").asString()).isNotBlank();
        assertThat(created.path("detail").asString()).contains("rest");
    }

    @Test
    void unknownOrderIs404Problem() {
        HttpResponse<String> response = hub.get("/api/orders/" + UUID.randomUUID(), HubTestContext.OPERATOR_KEY);

        assertProblem(response, 404);
        assertThat(hub.get("/api/orders/" + UUID.randomUUID() + "/history", HubTestContext.OPERATOR_KEY)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void everyFieldErrorIsReportedAtOnceAndNothingIsStored() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        ObjectNode order = readme(externalOrderId);
        ArrayNode lines = (ArrayNode) order.path("lines");
        ObjectNode first = (ObjectNode) lines.path(0);
        first.remove("sku"); // missing sku
        first.put("quantity", 0); // quantity 0
        first.put("unitPrice", "1.234"); // 3 decimals in USD
        ObjectNode second = first.deepCopy();
        second.put("lineId", "2");
        second.put("sku", "SAW-1");
        second.put("quantity", 1);
        second.put("unitPrice", "10.00");
        second.put("deliveryGroupId", "DG9"); // no such delivery group
        lines.add(second);
        ((ObjectNode) order.path("deliveryGroups").path(0).path("shipTo")).put("country", "ZZ"); // no such country
        ((ObjectNode) order.path("billTo")).remove("region"); // US address without region

        HttpResponse<String> response =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(order));

        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem))
                .contains(
                        "lines[0].sku",
                        "lines[0].quantity",
                        "lines[0].unitPrice",
                        "lines[1].deliveryGroupId",
                        "deliveryGroups[0].shipTo.country",
                        "billTo.region");
        assertThat(errorMessage(problem, "lines[0].quantity")).isEqualTo("must be greater than 0");
        assertThat(errorMessage(problem, "lines[0].sku")).isEqualTo("is required");
        assertThat(errorMessage(problem, "lines[1].deliveryGroupId")).contains("DG9");
        assertThat(errorMessage(problem, "deliveryGroups[0].shipTo.country")).contains("ZZ");
        assertThat(errorMessage(problem, "lines[0].unitPrice")).contains("decimals");
        assertThat(storedOrders(externalOrderId)).isZero();
    }

    @Test
    void unknownCurrencyIsAFieldError() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        ObjectNode order = readme(externalOrderId);
        order.put("currency", "XXZ");

        HttpResponse<String> response =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(order));

        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).contains("currency");
        assertThat(errorMessage(problem, "currency")).contains("XXZ");
        assertThat(storedOrders(externalOrderId)).isZero();
    }

    @Test
    void malformedJsonIs400Problem() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String truncated = SampleOrders.withExternalId(externalOrderId);
        truncated = truncated.substring(0, truncated.length() / 2);

        HttpResponse<String> response = hub.post("/api/orders", HubTestContext.INGEST_KEY, truncated);

        assertProblem(response, 400);
        assertThat(storedOrders(externalOrderId)).isZero();
    }

    private String submit(String order) {
        HttpResponse<String> response = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private long storedOrders(String externalOrderId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE external_order_id = ?")
                .param(externalOrderId)
                .query(Long.class)
                .single();
    }

    private static ObjectNode readme(String externalOrderId) {
        return (ObjectNode) JSON.readTree(SampleOrders.withExternalId(externalOrderId));
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        return problem;
    }

    private static List<String> errorFields(JsonNode problem) {
        assertThat(problem.path("errors").isArray())
                .as("errors array in %s", problem)
                .isTrue();
        return problem.path("errors")
                .valueStream()
                .map(e -> e.path("field").asString())
                .toList();
    }

    private static String errorMessage(JsonNode problem, String field) {
        return problem.path("errors")
                .valueStream()
                .filter(e -> field.equals(e.path("field").asString()))
                .map(e -> e.path("message").asString())
                .findFirst()
                .orElseThrow();
    }

    private static void assertMoney(JsonNode amount, String expected) {
        assertThat(amount.isString()).as("money %s is a JSON string", amount).isTrue();
        assertThat(amount.asString()).isEqualTo(expected);
    }
}
