package dev.orderhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the pipeline tests do to a hub, the way a channel, an operator and a warehouse system would: post orders,
 * read summaries, history and process exceptions, drop inventory files, confirm shipments, approve or reject.
 * Every wait is on an outcome (Awaitility), never a fixed sleep.
 */
final class PipelineHub {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Generous upper bound for an order to go through the in-process pipeline; normally a few seconds. */
    static final Duration PIPELINE = Duration.ofSeconds(60);

    private static final Set<String> STOPPED = Set.of("ON_HOLD", "REJECTED", "CANCELLED", "CLOSED", "WAITING_APPROVAL");

    private final HubClient http;
    private final Path inventoryInbox;

    PipelineHub(int port, Environment environment) {
        this.http = new HubClient(port);
        this.inventoryInbox = Path.of(environment.getRequiredProperty("orderhub.data-dir"), "inbox", "inventory");
    }

    // ---- orders as a channel builds them ----

    /** README's order (examples/order.json) with a fresh externalOrderId, as a tree to adjust. */
    static ObjectNode readmeOrder() {
        return (ObjectNode) JSON.readTree(SampleOrders.fresh());
    }

    /** README's order paid by card with a sandbox token ({@code tok_chargeDeclined}, {@code tok_timeout}, …). */
    static ObjectNode readmeOrderPaidWith(String token) {
        ObjectNode order = readmeOrder();
        order.set("payment", JSON.createObjectNode().put("method", "CARD").put("token", token));
        return order;
    }

    /** The first line of an order tree. */
    static ObjectNode firstLine(ObjectNode order) {
        return (ObjectNode) order.path("lines").get(0);
    }

    /** The first delivery group's ship-to of an order tree. */
    static ObjectNode shipTo(ObjectNode order) {
        return (ObjectNode) order.path("deliveryGroups").get(0).path("shipTo");
    }

    /** Replaces the first delivery group's ship-to (and drops billTo, so that only the ship-to decides tax). */
    static void shipTo(ObjectNode order, String json) {
        ((ObjectNode) order.path("deliveryGroups").get(0)).set("shipTo", JSON.readTree(json));
        order.remove("billTo");
    }

    /** Sets the only line's sku, quantity and unit price and removes its adjustments. */
    static void onlyLine(ObjectNode order, String sku, int quantity, String unitPrice) {
        ObjectNode line = firstLine(order);
        line.put("sku", sku);
        line.put("quantity", quantity);
        line.put("unitPrice", unitPrice);
        line.remove("adjustments");
    }

    /** Replaces the charges with one DELIVERY charge of DG1, or none when amount is null. */
    static void delivery(ObjectNode order, String amount) {
        ArrayNode charges = order.putArray("charges");
        if (amount != null) {
            charges.addObject().put("type", "DELIVERY").put("amount", amount).put("deliveryGroupId", "DG1");
        }
    }

    static String uniqueSku() {
        return "TEST-" + UUID.randomUUID();
    }

    // ---- the REST API ----

    /** Posts an order as a channel; returns the hub id (202, RECEIVED). */
    String submit(JsonNode order) {
        HttpResponse<String> response =
                http.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(order));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asString()).isEqualTo("RECEIVED");
        return body.path("id").asString();
    }

    JsonNode order(String id) {
        HttpResponse<String> response = http.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Waits until the order has the status and the condition holds, then returns its summary read once more: the
     * summary is assembled from several reads (order, fulfillment orders, invoices), so the read that satisfied the
     * condition may mix states from before and after a commit. Fails at once (not at the timeout) when the order
     * stops in another status, with the summary and its history in the message.
     */
    JsonNode awaitOrder(String id, String status, Predicate<JsonNode> condition) {
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(150)).untilAsserted(() -> {
            JsonNode order = order(id);
            String current = order.path("status").asString();
            if (!current.equals(status) && STOPPED.contains(current)) {
                throw new IllegalStateException("order " + id + " stopped in " + current + " while waiting for "
                        + status + ":\n" + order.toPrettyString() + "\nhistory: "
                        + history(id).toPrettyString());
            }
            assertThat(current).as("status of %s: %s", id, order).isEqualTo(status);
            assertThat(condition.test(order)).as("condition on %s", order).isTrue();
        });
        return order(id);
    }

    JsonNode awaitStatus(String id, String status) {
        return awaitOrder(id, status, o -> true);
    }

    /** The order's history entries, oldest first. */
    JsonNode history(String id) {
        HttpResponse<String> response =
                http.get("/api/orders/" + id + "/history?size=500", HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("items");
    }

    List<String> historyActions(String id) {
        return history(id).valueStream().map(e -> e.path("action").asString()).toList();
    }

    /** The statuses the order moved to, in order (entries that did not move it are left out). */
    List<String> statusPath(String id) {
        return history(id)
                .valueStream()
                .map(e -> e.path("toStatus").asString(""))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** GET /api/process-exceptions?orderId= (the list answer: items, page, size, total). */
    JsonNode processExceptions(String orderId) {
        HttpResponse<String> response =
                http.get("/api/process-exceptions?orderId=" + orderId, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Asserts that no process exception was ever recorded against the order (active or not). */
    void assertNoProcessExceptions(String id) {
        JsonNode exceptions = processExceptions(id);
        assertThat(exceptions.path("total").asLong())
                .as("process exceptions of %s: %s", id, exceptions)
                .isZero();
    }

    HttpResponse<String> approve(String id) {
        return http.post("/api/orders/" + id + "/approve", HubTestContext.OPERATOR_KEY, "");
    }

    HttpResponse<String> reject(String id, String reason) {
        return http.post(
                "/api/orders/" + id + "/reject",
                HubTestContext.OPERATOR_KEY,
                JSON.writeValueAsString(JSON.createObjectNode().put("reason", reason)));
    }

    /** POST /api/fulfillment-orders/{id}/shipments in the ERP confirmation form, lines as lineId, quantity pairs. */
    HttpResponse<String> ship(String fulfillmentOrderId, String shipmentId, String trackingNumber, Object... lines) {
        ObjectNode body = JSON.createObjectNode()
                .put("shipmentId", shipmentId)
                .put("carrier", "UPS")
                .put("service", "GROUND")
                .put("trackingNumber", trackingNumber)
                .put("shippedAt", Instant.now().toString());
        ArrayNode shipped = body.putArray("lines");
        for (int i = 0; i < lines.length; i += 2) {
            shipped.addObject().put("lineId", (String) lines[i]).put("quantity", (Integer) lines[i + 1]);
        }
        return http.post(
                "/api/fulfillment-orders/" + fulfillmentOrderId + "/shipments",
                HubTestContext.OPERATOR_KEY,
                JSON.writeValueAsString(body));
    }

    // ---- inventory ----

    JsonNode availability(String sku) {
        HttpResponse<String> response = http.get("/api/inventory/availability?sku=" + sku, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** One location's figures for a SKU from the availability endpoint, or a missing node. */
    JsonNode level(String sku, String location) {
        return availability(sku)
                .path("locations")
                .valueStream()
                .filter(l -> location.equals(l.path("location").asString()))
                .findFirst()
                .orElse(JSON.missingNode());
    }

    /**
     * Drops an OCI-like inventory update file into the hub's inbox (written under a name the poller ignores, then
     * renamed, so that it is read whole) and waits until the hub has applied it: the file route moves a file to
     * {@code .done/} once its update is committed (to {@code .error/} when it failed).
     */
    void stock(String location, String sku, int onHand) {
        stock(location, sku, onHand, UUID.randomUUID().toString());
    }

    /** The same, as one record with the given recordId. */
    void stock(String location, String sku, int onHand, String recordId) {
        String ndjson = JSON.writeValueAsString(
                        JSON.createObjectNode().put("location", location).put("mode", "UPDATE"))
                + "\n"
                + JSON.writeValueAsString(JSON.createObjectNode()
                        .put("recordId", recordId)
                        .put("sku", sku)
                        .put("onHand", onHand)
                        .put("effectiveDate", Instant.now().toString()))
                + "\n";
        String name = "stock-" + UUID.randomUUID() + ".ndjson";
        try {
            Files.createDirectories(inventoryInbox);
            Path partial = inventoryInbox.resolve(name + ".partial");
            Files.writeString(partial, ndjson);
            Files.move(partial, inventoryInbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            if (Files.exists(inventoryInbox.resolve(".error").resolve(name))) {
                throw new IllegalStateException("the hub refused inventory file " + name + ":\n" + ndjson);
            }
            assertThat(inventoryInbox.resolve(".done").resolve(name))
                    .as("inventory file applied")
                    .exists();
        });
    }

    // ---- reading summaries ----

    static String money(JsonNode node, String field) {
        return node.path(field).asString();
    }

    /** Adds decimal strings exactly (BigDecimal), keeping their scale. */
    static String sum(List<JsonNode> nodes, String field) {
        return nodes.stream()
                .map(n -> new BigDecimal(n.path(field).asString()))
                .reduce(BigDecimal::add)
                .orElseThrow()
                .toPlainString();
    }

    static List<JsonNode> list(JsonNode array) {
        return array.valueStream().toList();
    }

    /** The transactions of a summary's payment as "KIND OUTCOME amount". */
    static List<String> transactions(JsonNode order) {
        return order.path("payment")
                .path("transactions")
                .valueStream()
                .map(t -> t.path("kind").asString() + " " + t.path("outcome").asString() + " "
                        + t.path("amount").asString())
                .toList();
    }
}
