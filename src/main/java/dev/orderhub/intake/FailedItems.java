package dev.orderhub.intake;

import dev.orderhub.exception.DeadLetters;
import dev.orderhub.exception.FailedMessage;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import dev.orderhub.shared.Sha256;
import dev.orderhub.store.Idempotency;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records one item of a readable partner file that did not become an order (a CSV order, an XML document, an X12
 * set) as a process exception holding it for replay, and dead-letters it; the file's other items go on. Every reader
 * of partner files (PartnerFiles, a {@link PartnerDocuments} reader) records its failed items here, once per item of
 * a delivery: a delivery read again (taken over after a crash) finds the items recorded before.
 */
@Component
public class FailedItems {
    private static final Logger log = LoggerFactory.getLogger(FailedItems.class);

    private final DeadLetters deadLetters;
    private final ProducerTemplate producer;
    private final Idempotency idempotency;
    private final TransactionTemplate transaction;

    FailedItems(
            DeadLetters deadLetters,
            ProducerTemplate producer,
            Idempotency idempotency,
            TransactionTemplate transaction) {
        this.deadLetters = deadLetters;
        this.producer = producer;
        this.idempotency = idempotency;
        this.transaction = transaction;
    }

    public void record(
            PartnerFile file,
            String position,
            String format,
            String body,
            String reference,
            RuntimeException cause,
            Map<String, String> formatHeaders) {
        Partner partner = file.partner();
        String fileName = file.name();
        Map<String, String> headers = new LinkedHashMap<>(formatHeaders);
        headers.put(Headers.PARTNER, partner.id());
        headers.put(Headers.FORMAT, format);
        headers.put(Exchange.FILE_NAME, fileName);
        headers.put(Headers.POSITION, position);
        FailedMessage failed = new FailedMessage(
                cause,
                new ProcessException.Source(
                        file.routeId(),
                        "file",
                        "file " + partner.id() + "/" + fileName + " " + position,
                        Endpoints.PARTNER_REPLAY),
                new ProcessException.Original(body, headers),
                "item of partner " + partner.id() + " in " + fileName + " " + position + " did not become an order",
                reference,
                1,
                Instant.now(),
                null);
        // the item's key and its exception commit together; a digest of the item's name fits the key column
        String item = Sha256.hex(file.failedItem(position));
        String shortName = fileName.length() <= 100 ? fileName : fileName.substring(0, 100);
        Map<String, Object> deadLetter = transaction.execute(
                tx -> idempotency.claim("partner-file-item", item, shortName) ? deadLetters.recordItem(failed) : null);
        if (deadLetter == null) {
            log.info(
                    "partner {} file {} {}: recorded before this delivery was taken over, not again",
                    partner.id(),
                    fileName,
                    position);
            return;
        }
        producer.sendBodyAndHeaders(Endpoints.DEAD_LETTER_SEND, body, deadLetter);
    }
}
