package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.readmeOrderPaidWith;
import static dev.orderhub.pipeline.PipelineHub.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Steps in one transaction (README): with the sandbox connectors, accept, ensure funds and allocate commit once, and
 * the ERP's shipment confirmation, its tracker, the invoice, its capture and the close commit once, storing what the
 * steps store one at a time. PostgreSQL
 * tells which transaction wrote a row (its {@code xmin}). A failure inside rolls it all back and the steps run one
 * at a time, which record it as always, with no trace of the rolled-back try.
 */
@HubTest
class InProcessStepsIT {
    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry metrics;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void acceptToAllocateCommitsOnceAndShipToCloseCommitsOnce() {
        double frontRuns = runs("accept-to-allocate", "committed");
        double shipRuns = runs("ship-to-close", "committed");
        String id = hub.submit(readmeOrder());

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 1);

        Map<String, String> writtenBy = transactionOfEachHistoryEntry(id);
        assertThat(writtenBy.keySet())
                .containsExactly("CREATED", "ACCEPTED", "AUTHORIZED", "ALLOCATED", "SHIPPED", "INVOICED", "CLOSED");
        assertThat(writtenBy.get("AUTHORIZED")).isEqualTo(writtenBy.get("ACCEPTED"));
        assertThat(writtenBy.get("ALLOCATED")).isEqualTo(writtenBy.get("ACCEPTED"));
        assertThat(writtenBy.get("INVOICED")).isEqualTo(writtenBy.get("SHIPPED"));
        assertThat(writtenBy.get("CLOSED")).isEqualTo(writtenBy.get("SHIPPED"));
        assertThat(writtenBy.get("ACCEPTED"))
                .isNotEqualTo(writtenBy.get("CREATED"))
                .isNotEqualTo(writtenBy.get("SHIPPED"));

        // the calls keep their protocol's records, written in the same transactions
        assertThat(jdbc.sql("""
                        SELECT kind || ' ' || status || ' '
                               || CASE xmin::text WHEN :accepted THEN 'with ACCEPTED'
                                                  WHEN :shipped THEN 'with SHIPPED' ELSE 'apart' END
                        FROM external_calls WHERE order_id = :order ORDER BY kind""")
                        .param("order", id)
                        .param("accepted", writtenBy.get("ACCEPTED"))
                        .param("shipped", writtenBy.get("SHIPPED"))
                        .query(String.class)
                        .list())
                .containsExactly(
                        "AUTHORIZE SUCCEEDED with ACCEPTED",
                        "CAPTURE SUCCEEDED with SHIPPED",
                        "TAX-COMMIT SUCCEEDED with SHIPPED",
                        "TRACK SUCCEEDED with SHIPPED");
        assertThat(transactions(closed)).containsExactly("AUTHORIZE APPROVED 552.29", "CAPTURE APPROVED 552.29");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("552.29");
        hub.assertNoProcessExceptions(id);
        assertThat(runs("accept-to-allocate", "committed")).isGreaterThan(frontRuns);
        assertThat(runs("ship-to-close", "committed")).isGreaterThan(shipRuns);
    }

    /** The runs counted so far (other tests' orders count too, so a test compares before and after). */
    private double runs(String steps, String outcome) {
        Counter counter = metrics.find(InProcessSteps.METRIC)
                .tags("steps", steps, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDeclineRollsTheTransactionBackAndTheStepsRecordItOneAtATime() {
        double rolledBack = runs("accept-to-allocate", "rolled-back");
        String id = hub.submit(readmeOrderPaidWith("tok_chargeDeclined"));

        JsonNode held = hub.awaitOrder(
                id, "ON_HOLD", o -> o.path("activeProcessExceptions").size() == 1);

        // accepted once, by the step on its own: the rolled-back transaction left no entry, journal line or event
        assertThat(hub.historyActions(id)).containsExactly("CREATED", "ACCEPTED", "HELD");
        assertThat(transactionOfEachHistoryEntry(id).get("ACCEPTED"))
                .isNotEqualTo(transactionOfEachHistoryEntry(id).get("HELD"));
        assertThat(transactions(held)).containsExactly("AUTHORIZE DECLINED 552.29");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM outbox
                        WHERE subject = :order AND payload LIKE '%"to":"ACCEPTED"%'""").param("order", id).query(Long.class).single()).isEqualTo(1);
        assertThat(hub.processExceptions(id)
                        .path("items")
                        .get(0)
                        .path("category")
                        .asString())
                .isEqualTo("PAYMENT");
        assertThat(runs("accept-to-allocate", "rolled-back")).isGreaterThan(rolledBack);
    }

    /** The history's actions, oldest first, each with the id of the transaction that wrote it. */
    private Map<String, String> transactionOfEachHistoryEntry(String id) {
        Map<String, String> writtenBy = new LinkedHashMap<>();
        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT action, xmin::text AS tx FROM order_history WHERE order_id = ? ORDER BY id")
                .param(id)
                .query()
                .listOfRows();
        rows.forEach(row -> writtenBy.put((String) row.get("action"), (String) row.get("tx")));
        return writtenBy;
    }
}
