package dev.orderhub.store;

import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events in id order (so per order in order) to the order-events route, then marks them.
 * A crash between publish and mark publishes again: consumers see at-least-once delivery, keyed by event id.
 */
@Component
public class OutboxRelay {
    /** Where the relay hands events over; the route behind it decides the topics. */
    public static final String ROUTE = "direct:order-events";
    private static final int BATCH = 500;

    private final Outbox outbox;
    private final ProducerTemplate producer;
    private final TransactionTemplate transaction;

    public OutboxRelay(Outbox outbox, ProducerTemplate producer, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.producer = producer;
        this.transaction = transaction;
    }

    /** Relays until the outbox is empty; returns how many events were published. */
    public int relay() {
        int total = 0;
        int published;
        do {
            published = transaction.execute(tx -> relayBatch());
            total += published;
        } while (published == BATCH);
        return total;
    }

    private int relayBatch() {
        outbox.lockRelay();
        List<Outbox.Pending> pending = outbox.pending(BATCH);
        for (Outbox.Pending event : pending) {
            producer.sendBodyAndHeaders(ROUTE, event.payload(),
                    Map.of("orderhubEventType", event.type(), "orderhubOrderId", event.subject()));
        }
        if (!pending.isEmpty()) {
            outbox.markPublished(pending.stream().map(Outbox.Pending::id).toList());
        }
        return pending.size();
    }
}
