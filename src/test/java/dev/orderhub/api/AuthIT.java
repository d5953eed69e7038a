package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API keys in X-Api-Key with roles: no or unknown key 401, a key without the role 403, only health open. */
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
        assertThat(hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void adminMayPostAndRead() {
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.ADMIN_KEY, SampleOrders.fresh());
        assertThat(posted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();

        HttpResponse<String> read = hub.get("/api/orders/" + id, HubTestContext.ADMIN_KEY);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("id").asString()).isEqualTo(id);
        assertThat(hub.get("/api/orders", HubTestContext.ADMIN_KEY).statusCode()).isEqualTo(200);
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
}
