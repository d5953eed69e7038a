package dev.orderhub.edi;

import dev.orderhub.shared.Headers;
import dev.orderhub.store.Outbox;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Puts written X12 documents in the outbox for the partner's outbound route (a folder or SFTP, written under a
 * temporary name and renamed), where the relay sends them once their transaction committed.
 */
@Component
class EdiOutbox {
    private final Outbox outbox;
    private final X12Writer writer;

    EdiOutbox(Outbox outbox, ControlNumbers numbers) {
        this.outbox = outbox;
        this.writer = new X12Writer(numbers);
    }

    X12Writer writer() {
        return writer;
    }

    /** An acknowledgement of a partner's interchange or group (TA1, 997). */
    void write(String partnerId, X12Document document) {
        outbox.append(
                Outbox.Destination.PARTNER_EDI,
                "x12-" + document.kind(),
                partnerId,
                document.text(),
                headers(partnerId, document));
    }

    /** A document about an order, known by the id of what caused it: written once however often that arrives. */
    void write(String partnerId, X12Document document, String orderId, String messageId) {
        outbox.append(
                Outbox.Destination.PARTNER_EDI,
                messageId,
                "x12-" + document.kind(),
                orderId,
                document.text(),
                headers(partnerId, document, orderId));
    }

    boolean written(String messageId) {
        return outbox.contains(messageId);
    }

    private static Map<String, String> headers(String partnerId, X12Document document) {
        return Map.of(Exchange.FILE_NAME, document.fileName(), Headers.PARTNER, partnerId);
    }

    /** An order's document also names its order: a parked one is then found under it. */
    private static Map<String, String> headers(String partnerId, X12Document document, String orderId) {
        Map<String, String> headers = new HashMap<>(headers(partnerId, document));
        headers.put(Headers.ORDER_ID, orderId);
        return headers;
    }
}
