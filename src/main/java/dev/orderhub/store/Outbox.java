package dev.orderhub.store;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.shared.Headers;
import dev.orderhub.shared.Ids;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox table: everything that leaves after a commit — order events, messages to the ERP, documents for EDI
 * partners — is appended in the transaction of its change and sent later by the relay, per destination in id order.
 */
@Repository
public class Outbox {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final Semaphore committed = new Semaphore(0);

    Outbox(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /**
     * Where a row goes: the route {@code direct:outbound-<id>} sends a batch of up to {@code batch} rows. A
     * destination with {@code attempts} above zero parks a row it refused that many times (a partner folder refusing
     * a file); the others keep their rows until the broker takes them.
     */
    public enum Destination {
        ORDER_EVENTS("order-events", 500, 0),
        ERP_FULFILLMENT_ORDERS("erp-fulfillment-orders", 500, 0),
        ERP_RETURN_ORDERS("erp-return-orders", 500, 0),
        PARTNER_EDI("partner-edi", 1, 5);

        private final String id;
        private final int batch;
        private final int attempts;

        Destination(String id, int batch, int attempts) {
            this.id = id;
            this.batch = batch;
            this.attempts = attempts;
        }

        public String id() {
            return id;
        }

        public int batch() {
            return batch;
        }

        public int attempts() {
            return attempts;
        }
    }

    /** A row as it leaves: its payload and the message headers it carries; {@code processException} if retried. */
    public record Message(
            long id,
            Destination destination,
            String messageId,
            String type,
            String subject,
            String payload,
            Map<String, String> headers,
            int attempts,
            String processException) {}

    public void append(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        wakeRelayOnCommit();
        template.batchUpdate(
                "INSERT INTO outbox (event_id, type, subject, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                events,
                events.size(),
                (ps, e) -> {
                    ps.setString(1, e.id());
                    ps.setString(2, e.type().type());
                    ps.setString(3, e.subject());
                    ps.setString(4, e.json());
                    ps.setTimestamp(5, Timestamp.from(e.time()));
                });
    }

    /** Appends a message for a destination other than the order events, with a new message id. */
    public void append(
            Destination destination, String type, String subject, String payload, Map<String, String> headers) {
        append(destination, Ids.timeOrdered(), type, subject, payload, headers);
    }

    /** Appends a message with the id it is known by (unique: a message made twice from one cause is refused). */
    public void append(
            Destination destination,
            String messageId,
            String type,
            String subject,
            String payload,
            Map<String, String> headers) {
        wakeRelayOnCommit();
        jdbc.sql("""
                INSERT INTO outbox (event_id, type, subject, payload, created_at, destination, headers)
                VALUES (:id, :type, :subject, :payload, :now, :destination, :headers)""")
                .param("id", messageId)
                .param("type", type)
                .param("subject", subject)
                .param("payload", payload)
                .param("now", Timestamp.from(Instant.now()))
                .param("destination", destination.id())
                .param("headers", json.writeValueAsString(headers))
                .update();
    }

    /** Whether a message with this id was appended already. */
    public boolean contains(String messageId) {
        return !jdbc.sql("SELECT id FROM outbox WHERE event_id = :id")
                .param("id", messageId)
                .query(Long.class)
                .list()
                .isEmpty();
    }

    private void wakeRelayOnCommit() {
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
    }

    /**
     * Waits until rows were committed here since the last call, or at most {@code max}: the relay sends as soon as a
     * change commits, and looks anyway every {@code max} (for rows other instances wrote).
     */
    public void awaitCommitted(Duration max) throws InterruptedException {
        if (committed.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
            committed.drainPermits();
        }
    }

    /**
     * Whether any row of the destination waits: a cheap look before the relay takes its lock. This and
     * {@link #pending} ask in the order of index ix_outbox_pending (destination, published_at, parked_at, id), so
     * that the database reads one short index range however many sent rows lie before it.
     */
    public boolean hasPending(Destination destination) {
        return !jdbc.sql("""
                SELECT id FROM outbox WHERE destination = :destination AND published_at IS NULL AND parked_at IS NULL
                ORDER BY destination, published_at, parked_at, id LIMIT 1""")
                .param("destination", destination.id())
                .query(Long.class)
                .list()
                .isEmpty();
    }

    /**
     * Rows of a destination waiting to be sent, in id order. An order event carries the message properties
     * subscribers select on: {@code contentType}, {@code orderhubEventType}, {@code orderhubOrderId} and, from its
     * order, {@code orderhubChannel} and {@code orderhubSourceKind}; other rows carry the headers they were
     * appended with.
     */
    public List<Message> pending(Destination destination, int limit) {
        return jdbc.sql("""
                SELECT b.id, b.event_id, b.type, b.subject, b.payload, b.headers, b.attempts, b.process_exception,
                    o.channel, o.source_kind
                FROM outbox b LEFT JOIN orders o ON o.id = b.subject
                WHERE b.destination = :destination AND b.published_at IS NULL AND b.parked_at IS NULL
                ORDER BY b.destination, b.published_at, b.parked_at, b.id LIMIT :limit""")
                .param("destination", destination.id())
                .param("limit", limit)
                .query((rs, n) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (destination == Destination.ORDER_EVENTS) {
                        headers.put("contentType", CloudEvent.CONTENT_TYPE);
                        headers.put(Headers.EVENT_TYPE, rs.getString("type"));
                        headers.put(Headers.ORDER_ID, rs.getString("subject"));
                        headers.put(Headers.CHANNEL, rs.getString("channel"));
                        headers.put(Headers.SOURCE_KIND, rs.getString("source_kind"));
                        headers.values().removeIf(value -> value == null);
                    } else if (rs.getString("headers") != null) {
                        headers.putAll(json.readValue(rs.getString("headers"), HEADERS));
                    }
                    return new Message(
                            rs.getLong("id"),
                            destination,
                            rs.getString("event_id"),
                            rs.getString("type"),
                            rs.getString("subject"),
                            rs.getString("payload"),
                            headers,
                            rs.getInt("attempts"),
                            rs.getString("process_exception"));
                })
                .list();
    }

    public void markPublished(List<Message> messages) {
        jdbc.sql("UPDATE outbox SET published_at = :now WHERE id IN (:ids)")
                .param("now", Timestamp.from(Instant.now()))
                .param("ids", messages.stream().map(Message::id).toList())
                .update();
    }

    /** Counts a refused attempt to send a row; returns the attempts so far. */
    public int countAttempt(long id) {
        jdbc.sql("UPDATE outbox SET attempts = attempts + 1 WHERE id = :id")
                .param("id", id)
                .update();
        return jdbc.sql("SELECT attempts FROM outbox WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** Sets a row aside with the process exception that records it: the relay sends the rows after it. */
    public void park(long id, String processException) {
        jdbc.sql("UPDATE outbox SET parked_at = :now, process_exception = :pe WHERE id = :id")
                .param("now", Timestamp.from(Instant.now()))
                .param("pe", processException)
                .param("id", id)
                .update();
    }

    /** Puts a parked row back for the relay, for a retry of its process exception; false if it is not parked. */
    public boolean requeue(long id, String processException) {
        wakeRelayOnCommit();
        return jdbc.sql("""
                UPDATE outbox SET parked_at = NULL, attempts = 0, process_exception = :pe
                WHERE id = :id AND parked_at IS NOT NULL AND published_at IS NULL""").param("pe", processException).param("id", id).update() == 1;
    }

    /** Takes the relay's lock of a destination for this transaction; another instance waits: rows leave in order. */
    public void lockRelay(Destination destination) {
        jdbc.sql("SELECT name FROM outbox_relay_lock WHERE name = :name FOR UPDATE")
                .param("name", destination.id())
                .query(String.class)
                .list();
    }
}
