package dev.orderhub.store;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventPublisher;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox table: events are appended in the transaction of their change and published later in id order. */
@Repository
public class Outbox {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Semaphore committed = new Semaphore(0);

    public Outbox(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void append(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.release();
                }
            });
        } else {
            committed.release();
        }
        template.batchUpdate("INSERT INTO outbox (event_id, type, subject, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                events, events.size(), (ps, e) -> {
                    ps.setString(1, e.id());
                    ps.setString(2, e.type().type());
                    ps.setString(3, e.subject());
                    ps.setString(4, e.json());
                    ps.setTimestamp(5, Timestamp.from(e.time()));
                });
    }

    /**
     * Waits until events were committed here since the last call, or at most {@code max}: the relay publishes as
     * soon as a change commits, and looks anyway every {@code max} (for events other instances wrote).
     */
    public void awaitCommitted(Duration max) throws InterruptedException {
        if (committed.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
            committed.drainPermits();
        }
    }

    /**
     * Whether any event waits: a cheap look before the relay takes its lock. This and {@link #pending} ask in the
     * order of index ix_outbox_pending (published_at, id), so that the database reads one short index range however
     * many published events lie before it.
     */
    public boolean hasPending() {
        return !jdbc.sql("SELECT id FROM outbox WHERE published_at IS NULL ORDER BY published_at, id LIMIT 1")
                .query(Long.class).list().isEmpty();
    }

    /** Unpublished events in id order, with their order's channel and source kind for the message properties. */
    public List<EventPublisher.Outgoing> pending(int limit) {
        return jdbc.sql("""
                SELECT b.id, b.type, b.subject, b.payload, o.channel, o.source_kind
                FROM outbox b LEFT JOIN orders o ON o.id = b.subject
                WHERE b.published_at IS NULL ORDER BY b.published_at, b.id LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new EventPublisher.Outgoing(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(5), rs.getString(6), rs.getString(4)))
                .list();
    }

    public void markPublished(List<EventPublisher.Outgoing> events) {
        jdbc.sql("UPDATE outbox SET published_at = :now WHERE id IN (:ids)")
                .param("now", Timestamp.from(Instant.now()))
                .param("ids", events.stream().map(EventPublisher.Outgoing::id).toList())
                .update();
    }

    /** Takes the relay's row lock for this transaction; another instance waits, so events leave in order. */
    public void lockRelay() {
        jdbc.sql("SELECT name FROM outbox_relay_lock WHERE name = 'order-events' FOR UPDATE").query(String.class).list();
    }

    /** Events of one subject in order, for operators and tests. */
    public List<String> payloadsFor(String subject) {
        return jdbc.sql("SELECT payload FROM outbox WHERE subject = :subject ORDER BY id")
                .param("subject", subject).query(String.class).list();
    }
}
