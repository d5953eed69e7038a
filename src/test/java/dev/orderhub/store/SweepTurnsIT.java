package dev.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.support.Postgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweeper's query on a database of its own: a thousand orders idle legitimately (backordered, partially
 * allocated, all idle longer than the stranded one) do not keep an order stranded by a crash from being re-driven.
 */
class SweepTurnsIT {
    private static final int BATCH = 500;

    @Test
    void aStrandedOrderIsSweptWithinAFewSweepsBehindAThousandIdleOrders() {
        String url = Postgres.newDatabase("sweep");
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(), url, "postgres", "");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcTemplate template = new JdbcTemplate(dataSource);
        OrderRepository repository =
                new OrderRepository(jdbc, template, JsonMapper.builder().build(), new Database(template));
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO orders (id, channel, external_order_id, status, currency, document, version, created_at, updated_at)
                SELECT 'idle-' || n, 'test', 'PO-' || n, :status, 'USD', '{}', 1, :old, CAST(:old AS TIMESTAMP WITH TIME ZONE) + n * INTERVAL '1 second'
                FROM generate_series(1, 1000) AS n""")
                .param("status", OrderStatus.PARTIALLY_ALLOCATED.name())
                .param("old", Timestamp.from(now.minusSeconds(86_400)))
                .update();
        jdbc.sql("""
                INSERT INTO orders (id, channel, external_order_id, status, currency, document, version, created_at, updated_at)
                VALUES ('stranded', 'test', 'PO-stranded', :status, 'USD', '{}', 1, :at, :at)""")
                .param("status", OrderStatus.APPROVED.name())
                .param("at", Timestamp.from(now.minusSeconds(3_600)))
                .update();
        assertThat(Lifecycle.redriven()).contains(OrderStatus.PARTIALLY_ALLOCATED, OrderStatus.APPROVED);

        boolean swept = false;
        for (int sweep = 0; sweep < 3 && !swept; sweep++) {
            List<String> idle = repository.idleIn(Lifecycle.redriven(), Timestamp.from(now.minusSeconds(30)), BATCH);
            assertThat(idle).hasSize(BATCH);
            repository.markSwept(idle, Timestamp.from(Instant.now()));
            swept = idle.contains("stranded");
        }
        assertThat(swept)
                .as("the stranded order re-driven within three sweeps of %d", BATCH)
                .isTrue();
    }
}
