package dev.orderhub.intake;

import dev.orderhub.exception.DeadLetters;
import dev.orderhub.exception.FailedMessage;
import dev.orderhub.exception.OriginalNotKept;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.mapping.CsvOrders;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.mapping.XmlTree;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.Source;
import dev.orderhub.store.FileClaims;
import dev.orderhub.store.Idempotency;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a partner's file: the extension picks the format (.csv bulk orders, .xml SFCC order export, .edi/.x12 X12).
 * Each order is mapped, validated and stored on its own; a bad one becomes one process exception naming the file and
 * its rows or document (its original kept for replay) while the others go on. The same file again (partner, name,
 * checksum) is not processed twice. A file over {@code orderhub.files.max-size} is not read at all. Each delivery is
 * claimed in the database before it is read (README, "Partner files"), so that two instances never both read it.
 */
@Component
public class PartnerFiles {
    private static final Logger log = LoggerFactory.getLogger(PartnerFiles.class);
    static final String REPLAY = "direct:partner-replay";
    static final String DEAD_LETTER = "direct:dead-letter-send";
    private static final Duration CLAIM_CHECK = Duration.ofSeconds(1);

    private final Partners partners;
    private final MappedIntake intake;
    private final Idempotency idempotency;
    private final DeadLetters deadLetters;
    private final ProcessExceptions exceptions;
    private final ProducerTemplate producer;
    private final JsonMapper json;
    private final List<PartnerDocuments> documentReaders;
    private final FileClaims claims;
    private final TransactionTemplate transaction;
    private final long maxFileSize;
    private final Duration claimTimeout;
    /** Who claims files here: this process, on this host (for the operator reading the claims). */
    private final String owner = abbreviate(UUID.randomUUID() + "/" + ManagementFactory.getRuntimeMXBean().getName());

    PartnerFiles(Partners partners, MappedIntake intake, Idempotency idempotency, DeadLetters deadLetters,
            ProcessExceptions exceptions, ProducerTemplate producer, JsonMapper json,
            List<PartnerDocuments> documentReaders, FileClaims claims, TransactionTemplate transaction,
            @Value("${orderhub.files.max-size:100MB}") DataSize maxFileSize,
            @Value("${orderhub.files.claim-timeout-seconds:300}") long claimTimeoutSeconds) {
        this.claims = claims;
        this.transaction = transaction;
        this.maxFileSize = maxFileSize.toBytes();
        this.claimTimeout = Duration.ofSeconds(claimTimeoutSeconds);
        this.partners = partners;
        this.intake = intake;
        this.idempotency = idempotency;
        this.deadLetters = deadLetters;
        this.exceptions = exceptions;
        this.producer = producer;
        this.json = json;
        this.documentReaders = documentReaders;
    }

    public void receive(Exchange exchange) throws IOException {
        Partner partner = partners.get(exchange.getMessage().getHeader("orderhubPartner", String.class));
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null && length > maxFileSize) {
            throw new OriginalNotKept("partner " + partner.id() + " file " + fileName + " has " + length
                    + " bytes, more than orderhub.files.max-size (" + maxFileSize + " bytes): it is not read");
        }
        // the key fits its column whatever the file name's length: the name goes in as a digest
        String checksum = checksum(exchange);
        String key = partner.id() + "/" + sha256(fileName) + "/" + checksum;
        String delivery = delivery(partner.id(), fileName, checksum,
                exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class));
        if (!claim(delivery, partner, fileName)) {
            return;
        }
        try {
            read(exchange, new PartnerFile(partner, fileName, delivery, exchange.getFromRouteId()), key);
        } catch (IOException | RuntimeException failed) {
            claims.finish(delivery, owner, "FAILED");
            throw failed;
        }
        claims.finish(delivery, owner, "DONE");
    }

    /**
     * Names one delivery of a file: its partner, name, content (SHA-256, hex) and last-modified time (epoch millis).
     * Two instances seeing the same file name it alike; the same content sent again later is another delivery.
     */
    public static String delivery(String partnerId, String fileName, String checksum, Long lastModified) {
        return partnerId + "/" + sha256(sha256(fileName) + "/" + checksum + "/" + lastModified);
    }

    /**
     * Claims the delivery (the file as it is now) for this instance; false when it was processed before. While
     * another instance holds it, waits: until it finishes, or stops touching it for the claim timeout (it crashed),
     * when this instance takes it over. The file stays where it is meanwhile, so that it is never stranded.
     */
    private boolean claim(String delivery, Partner partner, String fileName) {
        String name = fileName.length() <= 255 ? fileName : fileName.substring(0, 255);
        while (true) {
            switch (claims.claim(delivery, partner.id(), name, owner, claimTimeout)) {
                case CLAIMED -> {
                    return true;
                }
                case TAKEN_OVER -> {
                    log.warn("partner {} file {}: its claim was not touched for {}, taken over", partner.id(),
                            fileName, claimTimeout);
                    return true;
                }
                case FINISHED -> {
                    log.info("partner {} file {} was processed already (claimed by another instance)", partner.id(),
                            fileName);
                    return false;
                }
                case HELD -> pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CLAIM_CHECK.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for another instance's claim", stopping);
        }
    }

    private void read(Exchange exchange, PartnerFile file, String key) throws IOException {
        Partner partner = file.partner();
        String fileName = file.name();
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean edi = "edi".equals(extension) || "x12".equals(extension);
        // an X12 interchange sent again is acknowledged again: its reader keeps its own duplicate check (ISA13)
        if (!edi && idempotency.find("partner-file", key).isPresent()) {
            log.info("partner {} file {} was processed before (same name and checksum): skipped", partner.id(), fileName);
            return;
        }
        InputStreamSource content = () -> new Touching(exchange.getMessage().getBody(InputStream.class),
                file.delivery());
        switch (extension) {
            case "csv" -> {
                try (InputStream in = content.getInputStream()) {
                    readCsv(file, in);
                }
            }
            case "xml" -> {
                try (InputStream in = content.getInputStream()) {
                    readXml(file, in);
                }
            }
            default -> documentReaders.stream().filter(r -> r.reads(extension)).findFirst()
                    .orElseThrow(() -> new MappingException("partner " + partner.id() + " file " + fileName
                            + ": no reader for ." + extension))
                    .read(file, content);
        }
        idempotency.claim("partner-file", key, fileName.length() <= 100 ? fileName : fileName.substring(0, 100));
    }

    /** The file as it is read, touching its claim now and then, so that no other instance takes a live one over. */
    private final class Touching extends FilterInputStream {
        private final String delivery;
        private long touched = System.nanoTime();

        Touching(InputStream in, String delivery) {
            super(in);
            this.delivery = delivery;
        }

        @Override
        public int read() throws IOException {
            touchWhenDue();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            touchWhenDue();
            return super.read(buffer, offset, length);
        }

        private void touchWhenDue() {
            long now = System.nanoTime();
            if (now - touched > claimTimeout.toNanos() / 4) {
                claims.touch(delivery, owner);
                touched = now;
            }
        }
    }

    private void readCsv(PartnerFile file, InputStream in) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        new CsvOrders().read(reader, order -> {
            String position = order.describeRows();
            Map<String, Object> tree = order.toTree();
            if (order.split()) {
                failed(file, position, "csv-tree", tree, order.poNumber(),
                        new MappingException(file.name() + " " + position + ": po_number " + order.poNumber()
                                + " appears again apart from its earlier rows; the order is not stored"));
                return;
            }
            submit(file, position, "csv-tree", tree, order.poNumber());
        });
    }

    private void readXml(PartnerFile file, InputStream in) {
        int[] index = {0};
        XmlTree.orders(in, tree -> {
            index[0]++;
            Object orderNo = tree.get("@order-no");
            submit(file, "document " + index[0], "sfcc-tree", tree,
                    orderNo == null ? null : orderNo.toString());
        });
    }

    private void submit(PartnerFile file, String position, String format, Map<String, Object> tree,
            String reference) {
        Partner partner = file.partner();
        try {
            intake.submit(mapping(format), tree, Map.of("partner", partner.binding()), file.name() + " " + position,
                    Source.of("file", partner.id() + "/" + file.name() + " " + position));
        } catch (MappingException | OrderValidationException bad) {
            failed(file, position, format, tree, reference, bad);
        }
    }

    private void failed(PartnerFile file, String position, String format, Map<String, Object> tree, String reference,
            RuntimeException cause) {
        failedItem(file, position, format, json.writeValueAsString(tree), reference, cause, Map.of());
    }

    /**
     * Records one item of a readable partner file that did not become an order (a CSV order, an XML document, an
     * X12 set) as a process exception holding it for replay, and dead-letters it; the file's other items go on.
     * Once per item of a delivery: a delivery read again (taken over after a crash) finds the item recorded before.
     */
    public void failedItem(PartnerFile file, String position, String format, String body, String reference,
            RuntimeException cause, Map<String, String> formatHeaders) {
        Partner partner = file.partner();
        String fileName = file.name();
        Map<String, String> headers = new LinkedHashMap<>(formatHeaders);
        headers.put("orderhubPartner", partner.id());
        headers.put("orderhubFormat", format);
        headers.put(Exchange.FILE_NAME, fileName);
        headers.put("orderhubPosition", position);
        FailedMessage failed = new FailedMessage(cause,
                new ProcessException.Source(file.routeId(), "file",
                        "file " + partner.id() + "/" + fileName + " " + position, "direct://partner-replay"),
                new ProcessException.Original(body, headers), "item of partner " + partner.id() + " in " + fileName
                        + " " + position + " did not become an order", reference, 1, Instant.now(), null);
        // the item's key and its exception commit together: the key of a digest fits its column
        String item = sha256(file.failedItem(position));
        Map<String, Object> deadLetter = transaction.execute(tx -> idempotency.claim("partner-file-item", item,
                abbreviate(fileName)) ? deadLetters.recordItem(failed) : null);
        if (deadLetter == null) {
            log.info("partner {} file {} {}: recorded before this delivery was taken over, not again", partner.id(),
                    fileName, position);
            return;
        }
        producer.sendBodyAndHeaders(DEAD_LETTER, body, deadLetter);
    }

    /** Replays one order of a file from its process exception's original (the order's tree as JSON). */
    public void replay(Exchange exchange) {
        var message = exchange.getMessage();
        Partner partner = partners.get(message.getHeader("orderhubPartner", String.class));
        String format = message.getHeader("orderhubFormat", String.class);
        String position = message.getHeader("orderhubPosition", String.class);
        String fileName = message.getHeader(Exchange.FILE_NAME, String.class);
        var reader = documentReaders.stream().filter(r -> r.replays(format)).findFirst();
        String orderId;
        if (reader.isPresent()) {
            orderId = reader.get().replay(partner, message.getBody(String.class), message.getHeaders());
        } else {
            Object tree = json.readValue(message.getBody(String.class), Object.class);
            orderId = intake.submit(mapping(format), tree, Map.of("partner", partner.binding()),
                    fileName + " " + position,
                    Source.of("file", partner.id() + "/" + fileName + " " + position + " (replayed)")).id();
        }
        String number = message.getHeader(DeadLetters.PE_NUMBER, String.class);
        if (number != null) {
            exceptions.resolvedByRetry(number, "replayed order became order " + orderId);
        }
    }

    private static String mapping(String format) {
        return switch (format) {
            case "csv-tree" -> "csv-order";
            case "sfcc-tree" -> "sfcc-order";
            default -> throw new MappingException("unknown partner file format " + format);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(Exchange exchange) throws IOException {
        try (InputStream in = new DigestInputStream(exchange.getMessage().getBody(InputStream.class),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
