package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys in X-Api-Key with roles: no or unknown key 401, a key without the role 403, only health open. A key
 * limited to channels posts only their orders; PREPAID only from a key trusted with it (or a channel's mapping).
 */
@HubTest
class AuthIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void noKeyIs401Problem() {
        OrdersApiIT.assertProblem(hub.get("/api/orders", null), 401);
        OrdersApiIT.assertProblem(hub.post("/api/orders", null, SampleOrders.fresh()), 401);
    }

    @Test
    void wrongKeyIs401Problem() {
        OrdersApiIT.assertProblem(hub.get("/api/orders", "not-a-key"), 401);
        OrdersApiIT.assertProblem(hub.post("/api/orders", "not-a-key", SampleOrders.fresh()), 401);
    }

    @Test
    void operatorCannotPostOrders() {
        OrdersApiIT.assertProblem(hub.post("/api/orders", HubTestContext.OPERATOR_KEY, SampleOrders.fresh()), 403);
    }

    @Test
    void ingestCannotReadOrders() {
        OrdersApiIT.assertProblem(hub.get("/api/orders", HubTestContext.INGEST_KEY), 403);
    }

    @Test
    void ingestPostsAndOperatorReads() {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh());
        assertThat(posted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();
        assertThat(hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).statusCode())
                .isEqualTo(200);
    }

    @Test
    void adminMayPostAndRead() {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.ADMIN_KEY, SampleOrders.fresh());
        assertThat(posted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();

        HttpResponse<String> read = hub.get("/api/orders/" + id, HubTestContext.ADMIN_KEY);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("id").asString()).isEqualTo(id);
        assertThat(hub.get("/api/orders", HubTestContext.ADMIN_KEY).statusCode())
                .isEqualTo(200);
    }

    @Test
    void healthIsOpen() {
        HttpResponse<String> health = hub.get("/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusNeedsAKey() {
        OrdersApiIT.assertProblem(hub.get("/actuator/prometheus", null), 401);

        HttpResponse<String> scrape = hub.get("/actuator/prometheus", HubTestContext.OPERATOR_KEY);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void aChannelKeyPostsOrdersOfItsChannel() {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.PORTAL_KEY, SampleOrders.fresh());

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    }

    @Test
    void aChannelKeyCannotPostAnotherChannelsOrder() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String order = SampleOrders.withExternalId(externalOrderId).replace("\"b2b-portal\"", "\"web-store\"");

        JsonNode problem = OrdersApiIT.assertProblem(hub.post("/api/orders", HubTestContext.PORTAL_KEY, order), 403);

        assertThat(problem.path("rule").asString()).isEqualTo("channel");
        assertThat(problem.path("detail").asString()).contains("web-store");
        assertThat(stored("web-store", externalOrderId)).isZero();
        assertThat(hub.post("/api/orders", HubTestContext.INGEST_KEY, order).statusCode())
                .as("a key for every channel")
                .isEqualTo(202);
    }

    @Test
    void aChannelKeyCannotPostAnotherChannelsPayload() {
        String orderNo = "SF-" + UUID.randomUUID();

        JsonNode problem = OrdersApiIT.assertProblem(
                hub.post("/api/channels/sfcc/orders", HubTestContext.PORTAL_KEY, sfccJson(orderNo)), 403);

        assertThat(problem.path("rule").asString()).isEqualTo("channel");
        assertThat(stored("sfcc", orderNo)).isZero();
    }

    @Test
    void prepaidNeedsAKeyTrustedWithIt() {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String prepaid = SampleOrders.withExternalId(externalOrderId)
                .replace(
                        "{\"method\": \"CARD\", \"token\": \"tok_visa\"}",
                        "{\"method\": \"PREPAID\", \"reference\": \"auth-1\", \"amount\": \"552.29\"}");
        assertThat(prepaid).contains("PREPAID");

        JsonNode problem = OrdersApiIT.assertProblem(hub.post("/api/orders", HubTestContext.PORTAL_KEY, prepaid), 403);

        assertThat(problem.path("rule").asString()).isEqualTo("prepaid");
        assertThat(problem.path("detail").asString()).isEqualTo("this API key may not post PREPAID orders");
        assertThat(stored("b2b-portal", externalOrderId)).isZero();
        assertThat(hub.post("/api/orders", HubTestContext.INGEST_KEY, prepaid).statusCode())
                .as("the ingest key has prepaid: true")
                .isEqualTo(202);
    }

    @Test
    void aMappingMaySetPrepaid() {
        String orderNo = "SF-" + UUID.randomUUID();

        HttpResponse<String> posted =
                hub.post("/api/channels/sfcc/orders", HubTestContext.ADMIN_KEY, sfccJson(orderNo));

        assertThat(posted.statusCode())
                .as("admin key without prepaid: true; %s", posted.body())
                .isEqualTo(202);
    }

    private long stored(String channel, String externalOrderId) {
        HttpResponse<String> list = hub.get(
                "/api/orders?channel=" + channel + "&externalOrderId=" + externalOrderId, HubTestContext.OPERATOR_KEY);
        return JSON.readTree(list.body()).path("total").asLong();
    }

    private static String sfccJson(String orderNo) {
        try (InputStream in = AuthIT.class.getResourceAsStream("/channels/sfcc-order-tree.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{ORDER_NO}}", orderNo)
                    .replace(
                            "{{PAYMENT}}",
                            "{\"amount\": \"33.99\", \"processor-id\": \"PAYPAL\", " + "\"transaction-id\": \"T-"
                                    + orderNo + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
