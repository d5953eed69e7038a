package dev.orderhub.store;

import dev.orderhub.event.EventPublisher;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events in id order (so per order in order), a batch at a time, then marks them: under the
 * relay's row lock, so that one instance publishes at a time. A crash between publish and mark publishes the batch
 * again: consumers see at-least-once delivery, keyed by event id.
 */
@Component
public class OutboxRelay {
    private static final int BATCH = 500;

    private final Outbox outbox;
    private final EventPublisher publisher;
    private final TransactionTemplate transaction;

    OutboxRelay(Outbox outbox, EventPublisher publisher, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.transaction = transaction;
    }

    /** Relays until the outbox is empty; returns how many events were published. */
    public int relay() {
        if (!outbox.hasPending()) {
            return 0;
        }
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
        List<EventPublisher.Outgoing> pending = outbox.pending(BATCH);
        if (!pending.isEmpty()) {
            publisher.publish(pending);
            outbox.markPublished(pending);
        }
        return pending.size();
    }
}
