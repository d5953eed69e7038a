package dev.orderhub.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import dev.orderhub.support.Sftp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * ERP connector type sftp (connectors/erp/sftp.yaml) against the test SFTP server, in directories of its own: a
 * fulfillment order arrives as a CSV file in erp-out, and a confirmation CSV left in erp-in ships and closes the
 * order; a confirmation file with a bad row moves to .error with a process exception that keeps it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ErpOverSftpIT.Context.class)
// its own context with its own database: closed afterwards, so that nothing of it keeps running beside the shared one
@DirtiesContext
class ErpOverSftpIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER =
            "fulfillment_order_id,shipment_id,line_id,quantity,carrier,service,tracking_number,shipped_at\n";

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void aFulfillmentOrderIsWrittenAsCsvAndAConfirmationCsvClosesTheOrder() throws IOException {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String orderId = post(externalOrderId);

        Path file = await().atMost(WAIT)
                .until(() -> exported(externalOrderId), Optional::isPresent)
                .orElseThrow();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ErpFiles.FULFILLMENT_ORDER_COLUMNS));
        assertThat(lines).hasSize(2);
        Map<String, String> row = row(file);
        assertThat(row)
                .containsEntry("type", "fulfillment-order")
                .containsEntry("order_id", orderId)
                .containsEntry("external_order_id", externalOrderId)
                .containsEntry("location", "WH-EAST")
                .containsEntry("ship_to_name", "Acme DC")
                .containsEntry("ship_to_line1", "9 Dock Rd")
                .containsEntry("ship_to_city", "Austin")
                .containsEntry("ship_to_postal_code", "78744")
                .containsEntry("sku", "DRILL-18V")
                .containsEntry("quantity", "4");
        assertThat(file.getFileName().toString())
                .startsWith("fulfillment-order-" + row.get("fulfillment_order_id") + "-")
                .endsWith(".csv");

        String name = "confirm-" + externalOrderId + ".csv";
        drop(
                name,
                HEADER + row.get("fulfillment_order_id") + ",SHP-" + externalOrderId + "," + row.get("line_id")
                        + ",4,UPS,GROUND,1Z999AA10123456784,2026-11-03T15:00:00Z\n");

        await().atMost(WAIT)
                .until(() -> HubOrders.order(hub, orderId).path("status").asString(), "CLOSED"::equals);
        JsonNode shipment = HubOrders.order(hub, orderId)
                .path("fulfillmentOrders")
                .get(0)
                .path("shipments")
                .get(0);
        assertThat(shipment.path("trackingNumber").asString()).isEqualTo("1Z999AA10123456784");
        await().atMost(WAIT).until(() -> Files.exists(in().resolve(".done").resolve(name)));
    }

    @Test
    void aConfirmationFileWithABadRowMovesToErrorWithAProcessExceptionKeepingIt() throws IOException {
        String name = "bad-" + UUID.randomUUID() + ".csv";
        String content = HEADER + "FO-unknown,SHP-1,1,many,UPS,GROUND,1Z1,\n";
        drop(name, content);

        await().atMost(WAIT).until(() -> Files.exists(in().resolve(".error").resolve(name)));
        JsonNode exception = await().atMost(WAIT)
                .until(
                        () -> HubOrders.json(
                                        hub.get("/api/process-exceptions?size=100", HubTestContext.OPERATOR_KEY), 200)
                                .path("items")
                                .valueStream()
                                .filter(pe -> pe.toString().contains(name))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        JsonNode detail = HubOrders.json(
                hub.get("/api/process-exceptions/" + exception.path("number").asString(), HubTestContext.OPERATOR_KEY),
                200);
        assertThat(detail.toString()).contains("confirmation CSV row 2: column quantity");
        assertThat(detail.path("original").path("body").asString()).isEqualTo(content);
    }

    @Test
    void aFailedConfirmationFileIsReadAgainFromItsExceptionByAnOperatorsCorrectedRetry() throws IOException {
        String externalOrderId = "PO-" + UUID.randomUUID();
        String orderId = post(externalOrderId);
        Path exported = await().atMost(WAIT)
                .until(() -> exported(externalOrderId), Optional::isPresent)
                .orElseThrow();
        Map<String, String> row = row(exported);
        String confirmation = row.get("fulfillment_order_id") + ",SHP-" + externalOrderId + "," + row.get("line_id");
        String name = "typo-" + externalOrderId + ".csv";
        drop(name, HEADER + confirmation + ",four,UPS,GROUND,1Z999AA10123456785,\n");
        await().atMost(WAIT).until(() -> Files.exists(in().resolve(".error").resolve(name)));
        String number = await().atMost(WAIT)
                .until(
                        () -> HubOrders.json(
                                        hub.get("/api/process-exceptions?size=100", HubTestContext.OPERATOR_KEY), 200)
                                .path("items")
                                .valueStream()
                                .filter(pe -> pe.toString().contains(name))
                                .map(pe -> pe.path("number").asString())
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(HubOrders.order(hub, orderId).path("status").asString()).isNotEqualTo("CLOSED");

        String corrected = HEADER + confirmation + ",4,UPS,GROUND,1Z999AA10123456785,\n";
        HubOrders.json(
                hub.post(
                        "/api/process-exceptions/" + number + "/retry",
                        HubTestContext.OPERATOR_KEY,
                        JSON.writeValueAsString(Map.of("correctedBody", corrected))),
                202);

        await().atMost(WAIT)
                .until(() -> HubOrders.order(hub, orderId).path("status").asString(), "CLOSED"::equals);
        assertThat(HubOrders.order(hub, orderId)
                        .path("fulfillmentOrders")
                        .get(0)
                        .path("shipments")
                        .get(0)
                        .path("trackingNumber")
                        .asString())
                .isEqualTo("1Z999AA10123456785");
        await().atMost(WAIT)
                .until(
                        () -> HubOrders.json(
                                        hub.get("/api/process-exceptions/" + number, HubTestContext.OPERATOR_KEY), 200)
                                .path("status")
                                .asString(),
                        "RESOLVED"::equals);
    }

    private String post(String externalOrderId) {
        return HubOrders.json(
                        hub.post(
                                "/api/orders", HubTestContext.INGEST_KEY, SampleOrders.withExternalId(externalOrderId)),
                        202)
                .path("id")
                .asString();
    }

    private static Optional<Path> exported(String externalOrderId) throws IOException {
        Path out = Sftp.root().resolve("erp-out");
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .filter(f -> read(f).contains(externalOrderId))
                    .findFirst();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file under another name first, as an ERP would, so the hub never reads it half written. */
    private static void drop(String name, String content) throws IOException {
        Path in = Files.createDirectories(in());
        Path part = in.resolve(name + ".part");
        Files.writeString(part, content);
        Files.move(part, in.resolve(name));
    }

    private static Path in() {
        return Sftp.root().resolve("erp-in");
    }

    private static Map<String, String> row(Path file) {
        try (MappingIterator<Map<String, String>> rows = CsvMapper.builder()
                .build()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            return rows.next();
        }
    }

    /** The test hub with ERP connector sftp pointed at the test SFTP server, on a database of its own. */
    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of(Map.of(
                            "spring.datasource.url",
                            Postgres.newDatabase("erpsftp"),
                            "orderhub.connectors.erp",
                            "sftp",
                            "ORDERHUB_ERP_SFTP_HOST",
                            "127.0.0.1",
                            "ORDERHUB_ERP_SFTP_PORT",
                            String.valueOf(Sftp.port()),
                            "ORDERHUB_ERP_SFTP_USER",
                            Sftp.USER,
                            "ORDERHUB_ERP_SFTP_PRIVATE_KEY_FILE",
                            Sftp.privateKey().toString(),
                            "ORDERHUB_ERP_SFTP_KNOWN_HOSTS_FILE",
                            Sftp.knownHosts().toString(),
                            "ORDERHUB_ERP_SFTP_DIRECTORY",
                            "erp-out",
                            "ORDERHUB_ERP_SFTP_CONFIRMATIONS_DIRECTORY",
                            "erp-in",
                            "ORDERHUB_ERP_SFTP_POLL_DELAY_MS",
                            "300"))
                    .applyTo(context);
            TestPropertyValues.of("orderhub.sandbox.erp.enabled=false", "orderhub.files.enabled=false")
                    .applyTo(context);
        }
    }
}
