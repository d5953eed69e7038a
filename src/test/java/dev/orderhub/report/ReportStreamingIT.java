package dev.orderhub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A report of 100,000 orders is streamed: the answer is chunked, and while the client reads nothing the hub stops
 * with only part of the rows written (it writes each row as it reads it from the cursor, and waits on the client);
 * once read to the end, every row is there.
 */
@HubTest
class ReportStreamingIT {
    private static final int ROWS = 100_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final String channel = "bulk-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeTheOrders() {
        jdbc.sql("DELETE FROM orders WHERE channel = :c").param("c", channel).update();
    }

    @Test
    void aLargeReportIsWrittenAsTheClientReadsIt() throws Exception {
        jdbc.sql("""
                INSERT INTO orders (id, channel, external_order_id, status, currency, document, version, created_at,
                    updated_at, grand_total, payment_method)
                SELECT :c || '-' || g, :c, 'BULK-' || g, 'CLOSED', 'USD', '{}', 1,
                    now() + g * INTERVAL '1 millisecond', now(), 10.00, 'CARD'
                FROM generate_series(1, :n) g""").param("c", channel).param("n", ROWS).update();
        double before = rowsWritten();

        try (Socket socket = new Socket()) {
            // a small window: what the client has not read stays in the hub
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("localhost", port));
            socket.getOutputStream()
                    .write(("GET /api/reports/orders?channel=" + channel + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "X-Api-Key: " + HubTestContext.OPERATOR_KEY + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = head(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
            assertThat(head.toLowerCase()).doesNotContain("content-length");

            double[] last = {-1};
            await("the hub waits on the client")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        double now = rowsWritten();
                        boolean waiting = now > before && now == last[0];
                        last[0] = now;
                        return waiting;
                    });
            assertThat(rowsWritten() - before)
                    .as("rows written before the client read")
                    .isLessThan(ROWS);

            String[] lines = chunkedBody(in).split("\r\n");
            assertThat(lines).hasSize(ROWS + 1);
            assertThat(lines[0]).startsWith("id,external_order_id,channel");
            assertThat(lines[1]).startsWith(channel + "-1,BULK-1," + channel + ",,CLOSED,USD,10.00,CARD,");
            assertThat(lines[ROWS]).startsWith(channel + "-" + ROWS + ",BULK-" + ROWS + ",");
        }
        assertThat(rowsWritten() - before).isEqualTo(ROWS);
    }

    private double rowsWritten() {
        Counter counter =
                meters.find("orderhub.reports.rows").tag("report", "orders").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("end of the response head").isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The body of a chunked response (RFC 9112 7.1), read to its last chunk. */
    private static String chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            assertThat(b).as("end of a chunk line").isNotNegative();
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }
}
