package dev.orderhub.store;

import dev.orderhub.event.CloudEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox table: events are appended in the transaction of their change and published later in id order. */
@Repository
public class Outbox {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Outbox(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void append(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
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

    /** An unpublished event as the relay sees it. */
    public record Pending(long id, String type, String subject, String payload) {
    }

    public List<Pending> pending(int limit) {
        return jdbc.sql("SELECT id, type, subject, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    public void markPublished(List<Long> ids) {
        Timestamp now = Timestamp.from(Instant.now());
        template.batchUpdate("UPDATE outbox SET published_at = ? WHERE id = ?", ids, ids.size(), (ps, id) -> {
            ps.setTimestamp(1, now);
            ps.setLong(2, id);
        });
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
