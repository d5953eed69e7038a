package dev.orderhub.intake;

import dev.orderhub.exception.DeadLetters;
import dev.orderhub.exception.FailedMessage;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Records one item of a readable partner file that did not become an order (a CSV order, an XML document, an X12
 * set) as a process exception holding it for replay, and dead-letters it; the file's other items go on. Every reader
 * of partner files (PartnerFiles, a {@link PartnerDocuments} reader) records its failed items here.
 */
@Component
public class FailedItems {
    private final DeadLetters deadLetters;
    private final ProducerTemplate producer;

    FailedItems(DeadLetters deadLetters, ProducerTemplate producer) {
        this.deadLetters = deadLetters;
        this.producer = producer;
    }

    public void record(Partner partner, String fileName, String routeId, String position, String format,
            String body, String reference, RuntimeException cause, Map<String, String> formatHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(formatHeaders);
        headers.put(Headers.PARTNER, partner.id());
        headers.put(Headers.FORMAT, format);
        headers.put(Exchange.FILE_NAME, fileName);
        headers.put(Headers.POSITION, position);
        Map<String, Object> deadLetter = deadLetters.recordItem(new FailedMessage(cause,
                new ProcessException.Source(routeId, "file", "file " + partner.id() + "/" + fileName + " " + position,
                        Endpoints.PARTNER_REPLAY),
                new ProcessException.Original(body, headers), "item of partner " + partner.id() + " in " + fileName
                        + " " + position + " did not become an order", reference, 1, Instant.now(), null));
        producer.sendBodyAndHeaders(Endpoints.DEAD_LETTER_SEND, body, deadLetter);
    }
}
