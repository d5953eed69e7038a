package dev.orderhub.intake;

import dev.orderhub.exception.OriginalNotKept;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.mapping.CsvOrders;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.mapping.XmlTree;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.Source;
import dev.orderhub.shared.Headers;
import dev.orderhub.shared.Sha256;
import dev.orderhub.store.FileClaims;
import dev.orderhub.store.Idempotency;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;
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
    private static final Duration CLAIM_CHECK = Duration.ofSeconds(1);

    private final Partners partners;
    private final MappedIntake intake;
    private final Idempotency idempotency;
    private final FailedItems failedItems;
    private final ProcessExceptions exceptions;
    private final JsonMapper json;
    private final List<PartnerDocuments> documentReaders;
    private final FileClaims claims;
    private final long maxFileSize;
    private final Duration claimTimeout;
    /** Who claims files here: this process, on this host (for the operator reading the claims). */
    private final String owner = abbreviate(
            UUID.randomUUID() + "/" + ManagementFactory.getRuntimeMXBean().getName());

    PartnerFiles(
            Partners partners,
            MappedIntake intake,
            Idempotency idempotency,
            FailedItems failedItems,
            ProcessExceptions exceptions,
            JsonMapper json,
            List<PartnerDocuments> documentReaders,
            FileClaims claims,
            @Value("${orderhub.files.max-size:100MB}") DataSize maxFileSize,
            @Value("${orderhub.files.claim-timeout-seconds:300}") long claimTimeoutSeconds) {
        this.claims = claims;
        this.maxFileSize = maxFileSize.toBytes();
        this.claimTimeout = Duration.ofSeconds(claimTimeoutSeconds);
        this.partners = partners;
        this.intake = intake;
        this.idempotency = idempotency;
        this.failedItems = failedItems;
        this.exceptions = exceptions;
        this.json = json;
        this.documentReaders = documentReaders;
    }

    public void receive(Exchange exchange) throws IOException {
        receive(exchange, true);
    }

    private void receive(Exchange exchange, boolean claimFirst) throws IOException {
        Partner partner = partners.get(exchange.getMessage().getHeader(Headers.PARTNER, String.class));
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null && length > maxFileSize) {
            throw new OriginalNotKept("partner " + partner.id() + " file " + fileName + " has " + length
                    + " bytes, more than orderhub.files.max-size (" + maxFileSize + " bytes): it is not read");
        }
        spoolDownload(exchange);
        // the key fits its column whatever the file name's length: the name goes in as a digest
        String checksum = checksum(exchange);
        String key = partner.id() + "/" + Sha256.hex(fileName) + "/" + checksum;
        if (!claimFirst) {
            // an operator's retry is a delivery of its own: its failed items are recorded again
            String replay = "replay/" + exchange.getMessage().getHeader(Headers.PE_NUMBER, String.class) + "/"
                    + UUID.randomUUID();
            read(exchange, new PartnerFile(partner, fileName, replay, exchange.getFromRouteId()), key);
            return;
        }
        String delivery = delivery(
                partner.id(),
                fileName,
                checksum,
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
     * A file downloaded as a stream (SFTP reads it as it comes, never whole into memory) is written to a temporary
     * file (0600) as it arrives and read from there: twice (checksum, then its orders), and once more as the original
     * kept when it cannot be read at all. The temporary file is deleted once the exchange is done.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void spoolDownload(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        GenericFile file = body instanceof GenericFile<?> f ? f : null;
        Object content = file != null ? file.getBody() : body;
        if (!(content instanceof InputStream in)) {
            return;
        }
        Path spooled = Files.createTempFile("orderhub-partner-file-", ".part");
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException e) {
                    log.warn("temporary copy {} of a partner file not deleted: {}", spooled, e.toString());
                }
            }
        });
        try (in) {
            Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
        }
        // read from the copy from now on, and so does the dead letter that keeps a failed file's original
        if (file != null) {
            file.setBody(spooled.toFile());
        }
        exchange.getMessage().setBody(spooled.toFile());
    }

    /**
     * Names one delivery of a file: its partner, name, content (SHA-256, hex) and last-modified time (epoch millis).
     * Two instances seeing the same file name it alike; the same content sent again later is another delivery.
     */
    public static String delivery(String partnerId, String fileName, String checksum, Long lastModified) {
        return partnerId + "/" + Sha256.hex(Sha256.hex(fileName) + "/" + checksum + "/" + lastModified);
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
                    log.warn(
                            "partner {} file {}: its claim was not touched for {}, taken over",
                            partner.id(),
                            fileName,
                            claimTimeout);
                    return true;
                }
                case FINISHED ->
                    throw new FileProcessedElsewhere(
                            "partner " + partner.id() + " file " + fileName + " was read by another instance already");
                case HELD -> {
                    if (claims.takeOverFrom(delivery, owner, this::previousRunOnThisHost)) {
                        log.warn(
                                "partner {} file {}: claimed by an instance on this host that is gone, taken over",
                                partner.id(),
                                fileName);
                        return true;
                    }
                    pause();
                }
            }
        }
    }

    /**
     * Whether a claim's owner was a run of the hub on this host that has ended: its process is gone, or this process
     * has its process id (a restart that got the same id, as in a container) but the owner is another run.
     */
    private boolean previousRunOnThisHost(String holder) {
        String[] mine = owner.split("/", 2);
        String[] theirs = holder.split("/", 2);
        if (theirs.length < 2 || mine.length < 2 || theirs[0].equals(mine[0])) {
            return false;
        }
        String[] process = theirs[1].split("@", 2);
        if (process.length < 2 || !process[1].equals(mine[1].split("@", 2)[1])) {
            return false;
        }
        try {
            long pid = Long.parseLong(process[0]);
            return pid == ProcessHandle.current().pid()
                    || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException notOurs) {
            return false;
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
            log.info(
                    "partner {} file {} was processed before (same name and checksum): skipped",
                    partner.id(),
                    fileName);
            return;
        }
        InputStreamSource content =
                () -> new Touching(exchange.getMessage().getBody(InputStream.class), file.delivery());
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
            default ->
                documentReaders.stream()
                        .filter(r -> r.reads(extension))
                        .findFirst()
                        .orElseThrow(() -> new MappingException(
                                "partner " + partner.id() + " file " + fileName + ": no reader for ." + extension))
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

    /**
     * A whole file that could not be read, read again from its process exception's original (an operator's retry,
     * header {@code orderhubPeNumber}); once read, its orders stored or recorded one by one, the exception is resolved.
     */
    public void receiveAgain(Exchange exchange) throws IOException {
        // an operator's retry of one recorded file, on one instance: no claim to take
        receive(exchange, false);
        exceptions.resolvedByRetry(
                exchange.getMessage().getHeader(Headers.PE_NUMBER, String.class),
                "the file was read again: its orders are stored or recorded");
    }

    private void readCsv(PartnerFile file, InputStream in) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        new CsvOrders().read(reader, order -> {
            String position = order.describeRows();
            Map<String, Object> tree = order.toTree();
            if (order.split()) {
                failed(
                        file,
                        position,
                        "csv-tree",
                        tree,
                        order.poNumber(),
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
            submit(file, "document " + index[0], "sfcc-tree", tree, orderNo == null ? null : orderNo.toString());
        });
    }

    private void submit(PartnerFile file, String position, String format, Map<String, Object> tree, String reference) {
        Partner partner = file.partner();
        try {
            intake.submit(
                    mapping(format),
                    tree,
                    Map.of("partner", partner.binding()),
                    file.name() + " " + position,
                    Source.of("file", partner.id() + "/" + file.name() + " " + position));
        } catch (MappingException | OrderValidationException bad) {
            failed(file, position, format, tree, reference, bad);
        }
    }

    private void failed(
            PartnerFile file,
            String position,
            String format,
            Map<String, Object> tree,
            String reference,
            RuntimeException cause) {
        failedItems.record(file, position, format, json.writeValueAsString(tree), reference, cause, Map.of());
    }

    /** Replays one order of a file from its process exception's original (the order's tree as JSON). */
    public void replay(Exchange exchange) {
        var message = exchange.getMessage();
        Partner partner = partners.get(message.getHeader(Headers.PARTNER, String.class));
        String format = message.getHeader(Headers.FORMAT, String.class);
        String position = message.getHeader(Headers.POSITION, String.class);
        String fileName = message.getHeader(Exchange.FILE_NAME, String.class);
        var reader = documentReaders.stream().filter(r -> r.replays(format)).findFirst();
        String orderId;
        if (reader.isPresent()) {
            orderId = reader.get().replay(partner, message.getBody(String.class), message.getHeaders());
        } else {
            Object tree = json.readValue(message.getBody(String.class), Object.class);
            orderId = intake.submit(
                            mapping(format),
                            tree,
                            Map.of("partner", partner.binding()),
                            fileName + " " + position,
                            Source.of("file", partner.id() + "/" + fileName + " " + position + " (replayed)"))
                    .id();
        }
        String number = message.getHeader(Headers.PE_NUMBER, String.class);
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

    private static String checksum(Exchange exchange) throws IOException {
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            return Sha256.hex(in);
        }
    }
}
