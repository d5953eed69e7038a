package dev.orderhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Order;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What moves with an order (status, hold, payment summary, line quantities) is written to columns; the document only
 * when the order itself changes. An order read back from its row, by a store that never saw it, is the order as the
 * pipeline left it; a row written before the columns existed reads from its document, and its next change moves it
 * to the columns without losing anything.
 */
@HubTest
class StoredStateIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JsonMapper hubJson;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aClosedOrderReadFromItsRowIsTheOrderThePipelineLeft() {
        HubClient hub = new HubClient(port);
        HttpResponse<String> posted = hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.status(id) == OrderStatus.CLOSED);

        Order written = orders.get(id);
        Order read = freshStore().findById(id).orElseThrow();

        assertThat(read.status()).isEqualTo(OrderStatus.CLOSED);
        assertThat(read.version()).isEqualTo(written.version());
        assertThat(read.payment()).isEqualTo(written.payment());
        assertThat(read.payment().captured())
                .isEqualByComparingTo(written.totals().grandTotal());
        assertThat(read.lines()).isEqualTo(written.lines());
        assertThat(read.lines())
                .allSatisfy(l -> assertThat(l.quantities().fulfilled()).isEqualTo(l.quantity()))
                .allSatisfy(l -> assertThat(l.status()).isEqualTo("FULFILLED"));
        assertThat(read.withoutState()).isEqualTo(written.withoutState());
        // the document was last written when the order was priced; every later move wrote columns only
        assertThat(JSON.readTree(storedDocument(id)).path("status").asString()).isEqualTo("ACCEPTED");
        // the list reads the same rows
        Order listed = orders.list(new OrderQuery(read.channel(), read.externalOrderId(), null, 0, 10))
                .items()
                .get(0);
        assertThat(listed.status()).isEqualTo(OrderStatus.CLOSED);
        assertThat(listed.lines()).isEqualTo(written.lines());
    }

    /**
     * Steps in one transaction read an order their transaction changed: they see the change, and once the
     * transaction rolls back nobody does, not even when another instance then writes the same version number.
     */
    @Test
    void whatATransactionWroteIsReadInItAndForgottenWhenItRollsBack() {
        String id = WaitingOrders.submit(new HubClient(port));
        Order before = orders.get(id);

        assertThatThrownBy(() -> transaction.executeWithoutResult(tx -> {
                    orders.change(
                            id, "CANCELLED", o -> Change.of(o.withState(Lifecycle.cancel(o.state(), "1", 1)), "test"));
                    Order inside = orders.get(id);
                    assertThat(inside.version()).isEqualTo(before.version() + 1);
                    assertThat(inside.line("1").quantities().canceled()).isEqualTo(1);
                    assertThat(orders.locked(id, Order::version)).isEqualTo(before.version() + 1);
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");
        // another hub instance on the same database then writes that version number (this store sees no change)
        jdbc.sql("UPDATE orders SET version = version + 1 WHERE id = ?")
                .param(id)
                .update();

        Order after = orders.get(id);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.line("1").quantities()).isEqualTo(before.line("1").quantities());
        assertThat(after.lines())
                .isEqualTo(freshStore().findById(id).orElseThrow().lines());
    }

    @Test
    void aRowWrittenBeforeTheStateColumnsReadsFromItsDocumentUntilItsNextChange() {
        String id = WaitingOrders.submit(new HubClient(port));
        Order waiting = orders.get(id);
        // the row as the hub wrote it before the state columns: everything in the document
        jdbc.sql("""
                UPDATE orders SET document = :document, payment = NULL, held_from = NULL, active_exceptions = NULL
                WHERE id = :id""")
                .param("document", hubJson.writeValueAsString(waiting))
                .param("id", id)
                .update();
        jdbc.sql("UPDATE order_lines SET reshipped = NULL WHERE order_id = ?")
                .param(id)
                .update();

        Order legacy = freshStore().findById(id).orElseThrow();
        assertThat(legacy.status()).isEqualTo(OrderStatus.WAITING_APPROVAL);
        assertThat(legacy.payment()).isEqualTo(waiting.payment());
        assertThat(legacy.lines()).isEqualTo(waiting.lines());

        orders.change(id, "CANCELLED", o -> Change.of(o.withState(Lifecycle.cancel(o.state(), "1", 1)), "test"));

        Order changed = freshStore().findById(id).orElseThrow();
        assertThat(changed.status()).isEqualTo(OrderStatus.WAITING_APPROVAL);
        assertThat(changed.version()).isEqualTo(waiting.version() + 1);
        assertThat(changed.line("1").quantities().canceled()).isEqualTo(1);
        assertThat(changed.payment()).isEqualTo(waiting.payment());
        assertThat(jdbc.sql("SELECT payment FROM orders WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isNotNull();
        assertThat(jdbc.sql("SELECT reshipped FROM order_lines WHERE order_id = ? AND line_id = '1'")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private OrderRepository freshStore() {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        return new OrderRepository(jdbc, template, hubJson, new Database(template));
    }

    private String storedDocument(String id) {
        return jdbc.sql("SELECT document FROM orders WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
