package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubTest
class OrdersApiIT {
    @LocalServerPort
    int port;

    @Test
    void postedOrderIsStoredOnceAndReadBack() {
        HubClient hub = new HubClient(port);
        String order = SampleOrders.fresh();
        HttpResponse<String> first = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
        HttpResponse<String> second = hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
    }
}
