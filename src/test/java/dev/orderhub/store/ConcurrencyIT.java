package dev.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.order.Order;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Races on PostgreSQL: the unique key decides between racing posts, the row lock between racing changes. */
@HubTest
class ConcurrencyIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int THREADS = 8;

    @LocalServerPort
    int port;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Test
    void racingPostsOfOneOrderMakeOneOrder() throws Exception {
        HubClient hub = new HubClient(port);
        String externalOrderId = "PO-" + UUID.randomUUID();
        String order = SampleOrders.withExternalId(externalOrderId);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            posts.add(() -> {
                start.await();
                return hub.post("/api/orders", HubTestContext.INGEST_KEY, order);
            });
        }

        List<HttpResponse<String>> answers = runTogether(posts, start);

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 202));
        assertThat(answers).filteredOn(a -> a.statusCode() == 202).hasSize(1);
        assertThat(answers.stream()
                        .map(a -> JSON.readTree(a.body()).path("id").asString())
                        .distinct())
                .hasSize(1)
                .allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE channel = ? AND external_order_id = ?")
                        .param("b2b-portal")
                        .param(externalOrderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrentChangesOfOneOrderLoseNoUpdate() throws Exception {
        // parked in WAITING_APPROVAL, so that only the changes below touch it
        String id = WaitingOrders.submit(new HubClient(port));
        Order before = orders.get(id);
        assertThat(before.line("1").quantities().ordered()).isEqualTo(4);
        // six writers race to cancel one unit each of a line of four: changes of one order queue on its row lock, so
        // exactly four apply, each on what the previous one wrote, and two are refused cleanly by the lifecycle
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> changes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            changes.add(() -> {
                start.await();
                try {
                    orders.change(
                            id,
                            "CANCELLED",
                            order -> Change.of(
                                    order.withState(Lifecycle.cancel(order.state(), "1", 1)), "test cancel 1"));
                    return true;
                } catch (IllegalMoveException refused) {
                    return false;
                }
            });
        }

        List<Boolean> applied = runTogether(changes, start);

        long succeeded = applied.stream().filter(Boolean::booleanValue).count();
        assertThat(succeeded).as("every unit is canceled once, none twice").isEqualTo(4);
        Order after = orders.get(id);
        assertThat(after.line("1").quantities().canceled()).isEqualTo(4);
        assertThat(after.status().name()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT canceled FROM order_lines WHERE order_id = ? AND line_id = '1'")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc.sql("SELECT version FROM orders WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(before.version() + 4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_history WHERE order_id = ? AND action = 'CANCELLED'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing call failed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
