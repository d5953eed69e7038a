package dev.orderhub.event;

import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@HubTest
class TmpDumpIT {
    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void dump() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        HubClient hub = new HubClient(port);
        StringBuilder out = new StringBuilder();
        for (String token : new String[] {"tok_visa", "tok_chargeDeclined"}) {
            String id = json.readTree(hub.post("/api/orders", HubTestContext.INGEST_KEY,
                    SampleOrders.fresh().replace("\"tok_visa\"", "\"" + token + "\"")).body()).path("id").asString();
            String want = token.equals("tok_visa") ? "CLOSED" : "ON_HOLD";
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).body().contains("\"status\":\"" + want + "\""));
            Thread.sleep(1000);
            out.append("SUMMARY ").append(hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).body()).append("\n");
            jdbc.sql("SELECT type, payload FROM outbox WHERE subject = ? ORDER BY id").param(id)
                    .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list().forEach(s -> out.append(s).append("\n"));
        }
        Files.writeString(Path.of("/tmp/schema-dump.txt"), out);
    }
}
