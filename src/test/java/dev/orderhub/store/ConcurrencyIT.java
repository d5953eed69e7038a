package dev.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.api.WaitingOrders;
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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Races on PostgreSQL: the unique key decides between racing posts, the row version between racing changes. */
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

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 202));
        assertThat(answers).filteredOn(a -> a.statusCode() == 202).hasSize(1);
        assertThat(answers.stream().map(a -> JSON.readTree(a.body()).path("id").asString()).distinct())
                .hasSize(1).allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE channel = ? AND external_order_id = ?")
                .param("b2b-portal").param(externalOrderId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentChangesOfOneOrderLoseNoUpdate() throws Exception {
        // parked in WAITING_APPROVAL, so that only the two changes below touch it
        String id = WaitingOrders.submit(new HubClient(port));
        Order before = orders.get(id);
        assertThat(before.line("1").quantities().ordered()).isEqualTo(4);
        // both changes read the order before either writes, so one of them must meet the other's write
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> changes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            changes.add(() -> {
                start.await();
                boolean[] firstRead = {true};
                try {
                    orders.change(id, "CANCEL", order -> {
                        steps.incrementAndGet();
                        if (firstRead[0]) {
                            firstRead[0] = false;
                            awaitQuietly(bothRead);
                        }
                        return Change.of(order.withState(Lifecycle.cancel(order.state(), "1", 1)), "test cancel 1");
                    });
                    return true;
                } catch (OptimisticLockingFailureException conflict) {
                    return false; // failed cleanly: the caller may retry
                }
            });
        }

        List<Boolean> applied = runTogether(changes, start);

        long succeeded = applied.stream().filter(Boolean::booleanValue).count();
        assertThat(succeeded).as("at least one change applies").isGreaterThanOrEqualTo(1);
        assertThat(steps.get()).as("the second writer met the first one's write and re-read").isGreaterThan(2);
        Order after = orders.get(id);
        assertThat(after.line("1").quantities().canceled()).isEqualTo((int) succeeded);
        assertThat(after.version()).isEqualTo(before.version() + succeeded);
        assertThat(jdbc.sql("SELECT canceled FROM order_lines WHERE order_id = ? AND line_id = '1'").param(id)
                .query(Integer.class).single()).isEqualTo((int) succeeded);
        assertThat(jdbc.sql("SELECT version FROM orders WHERE id = ?").param(id).query(Long.class).single())
                .isEqualTo(before.version() + succeeded);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_history WHERE order_id = ? AND action = 'CANCEL'").param(id)
                .query(Long.class).single()).isEqualTo(succeeded);
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other change never read the order", e);
        }
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
