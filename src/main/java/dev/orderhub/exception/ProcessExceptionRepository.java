package dev.orderhub.exception;

import dev.orderhub.shared.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The process_exceptions and process_exception_history tables. */
@Repository
class ProcessExceptionRepository {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private static final String COLUMNS = """
            number, category, severity, priority, status, attached_type, attached_id, message, description,
            external_reference, source_route, source_kind, source_position, source_endpoint, failed_step, error_class,
            transient_failure, attempts, first_failure, last_failure, original_body, original_headers, created_at,
            updated_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    ProcessExceptionRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    String nextNumber() {
        return Ids.nextNumber(jdbc, "process_exception_seq", "PE");
    }

    void insert(ProcessException pe, String orderId, boolean holding) {
        jdbc.sql("INSERT INTO process_exceptions (" + COLUMNS + ", order_id, holding, version) VALUES ("
                        + ":number, :category, :severity, :priority, :status, :attachedType, :attachedId, :message, :description, "
                        + ":externalReference, :sourceRoute, :sourceKind, :sourcePosition, :sourceEndpoint, :failedStep, :errorClass, "
                        + ":transientFailure, :attempts, :firstFailure, :lastFailure, :body, :headers, :created, :updated, "
                        + ":orderId, :holding, 0)")
                .param("number", pe.number())
                .param("category", pe.category().name())
                .param("severity", pe.severity().name())
                .param("priority", pe.priority().name())
                .param("status", pe.status().name())
                .param(
                        "attachedType",
                        pe.attachedTo() == null ? null : pe.attachedTo().type())
                .param(
                        "attachedId",
                        pe.attachedTo() == null ? null : pe.attachedTo().id())
                .param("message", pe.message())
                .param("description", pe.description())
                .param("externalReference", pe.externalReference())
                .param("sourceRoute", pe.source().routeId())
                .param("sourceKind", pe.source().kind())
                .param("sourcePosition", pe.source().position())
                .param("sourceEndpoint", pe.source().endpoint())
                .param("failedStep", pe.failedStep())
                .param("errorClass", pe.errorClass())
                .param("transientFailure", pe.transientFailure())
                .param("attempts", pe.attempts())
                .param("firstFailure", Timestamp.from(pe.firstFailure()))
                .param("lastFailure", Timestamp.from(pe.lastFailure()))
                .param("body", pe.original() == null ? null : pe.original().body())
                .param(
                        "headers",
                        pe.original() == null
                                ? null
                                : json.writeValueAsString(pe.original().headers()))
                .param("created", Timestamp.from(pe.createdAt()))
                .param("updated", Timestamp.from(pe.updatedAt()))
                .param("orderId", orderId)
                .param("holding", holding)
                .update();
    }

    void updateStatus(String number, ProcessException.Status status, boolean holding) {
        jdbc.sql(
                        "UPDATE process_exceptions SET status = :status, holding = :holding, updated_at = :now, version = version + 1 WHERE number = :number")
                .param("status", status.name())
                .param("holding", holding)
                .param("now", Timestamp.from(Instant.now()))
                .param("number", number)
                .update();
    }

    /** A retry failed again: the retry already counted the attempt. */
    void recordFailure(String number, String message, boolean holding) {
        jdbc.sql("""
                UPDATE process_exceptions SET last_failure = :now, message = :message,
                holding = :holding, updated_at = :now, version = version + 1 WHERE number = :number""")
                .param("now", Timestamp.from(Instant.now()))
                .param("message", message)
                .param("holding", holding)
                .param("number", number)
                .update();
    }

    void countAttempt(String number) {
        jdbc.sql(
                        "UPDATE process_exceptions SET attempts = attempts + 1, updated_at = :now, version = version + 1 WHERE number = :number")
                .param("now", Timestamp.from(Instant.now()))
                .param("number", number)
                .update();
    }

    void correctOriginal(String number, String body) {
        jdbc.sql(
                        "UPDATE process_exceptions SET original_body = :body, updated_at = :now, version = version + 1 WHERE number = :number")
                .param("body", body)
                .param("now", Timestamp.from(Instant.now()))
                .param("number", number)
                .update();
    }

    boolean holding(String number) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT holding FROM process_exceptions WHERE number = :n")
                .param("n", number)
                .query(Boolean.class)
                .single());
    }

    /** The active exception of an order's failed step, if any (a retry that failed again updates it). */
    Optional<String> activeFor(String orderId, String step) {
        return jdbc.sql(
                        "SELECT number FROM process_exceptions WHERE order_id = :order AND failed_step = :step AND status IN (:active) ORDER BY number LIMIT 1")
                .param("order", orderId)
                .param("active", ProcessException.Status.activeNames())
                .param("step", step)
                .query(String.class)
                .optional();
    }

    void history(String number, String action, String detail) {
        jdbc.sql("INSERT INTO process_exception_history (number, at, action, detail) VALUES (:n, :at, :a, :d)")
                .param("n", number)
                .param("at", Timestamp.from(Instant.now()))
                .param("a", action)
                .param("d", detail)
                .update();
    }

    Optional<ProcessException> find(String number) {
        return template
                .query("SELECT " + COLUMNS + " FROM process_exceptions WHERE number = ?", this::map, number)
                .stream()
                .findFirst()
                .map(pe -> withHistory(pe, number));
    }

    List<ProcessException> list(ProcessExceptionFilter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(size);
        args.add((long) page * size);
        return template.query(
                "SELECT " + COLUMNS + " FROM process_exceptions" + where
                        + " ORDER BY created_at DESC, number DESC LIMIT ? OFFSET ?",
                this::map,
                args.toArray());
    }

    long count(ProcessExceptionFilter filter) {
        List<Object> args = new ArrayList<>();
        Long n = template.queryForObject(
                "SELECT COUNT(*) FROM process_exceptions" + where(filter, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    List<String> numbers(ProcessExceptionFilter filter, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(limit);
        return template.queryForList(
                "SELECT number FROM process_exceptions" + where + " ORDER BY number LIMIT ?",
                String.class,
                args.toArray());
    }

    /** Counts by category and status, for metrics. */
    List<Object[]> countsByCategoryAndStatus() {
        return template.query(
                "SELECT category, status, COUNT(*) FROM process_exceptions GROUP BY category, status",
                (rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)});
    }

    private static String where(ProcessExceptionFilter f, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (f.status() != null) {
            conditions.add("status = ?");
            args.add(f.status().name());
        }
        if (f.category() != null) {
            conditions.add("category = ?");
            args.add(f.category().name());
        }
        if (f.severity() != null) {
            conditions.add("severity = ?");
            args.add(f.severity().name());
        }
        if (f.orderId() != null) {
            conditions.add("order_id = ?");
            args.add(f.orderId());
        }
        if (f.from() != null) {
            conditions.add("created_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            conditions.add("created_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private ProcessException withHistory(ProcessException pe, String number) {
        List<ProcessException.HistoryEntry> history = jdbc.sql(
                        "SELECT at, action, detail FROM process_exception_history WHERE number = :n ORDER BY id")
                .param("n", number)
                .query((rs, i) -> new ProcessException.HistoryEntry(
                        rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .list();
        return new ProcessException(
                pe.number(),
                pe.category(),
                pe.severity(),
                pe.priority(),
                pe.status(),
                pe.attachedTo(),
                pe.message(),
                pe.description(),
                pe.externalReference(),
                pe.source(),
                pe.failedStep(),
                pe.errorClass(),
                pe.transientFailure(),
                pe.attempts(),
                pe.firstFailure(),
                pe.lastFailure(),
                pe.original(),
                pe.createdAt(),
                pe.updatedAt(),
                history);
    }

    private ProcessException map(ResultSet rs, int row) throws SQLException {
        String attachedType = rs.getString("attached_type");
        String headers = rs.getString("original_headers");
        String body = rs.getString("original_body");
        return new ProcessException(
                rs.getString("number"),
                ProcessException.Category.valueOf(rs.getString("category")),
                ProcessException.Level.valueOf(rs.getString("severity")),
                ProcessException.Level.valueOf(rs.getString("priority")),
                ProcessException.Status.valueOf(rs.getString("status")),
                attachedType == null
                        ? null
                        : new ProcessException.AttachedTo(attachedType, rs.getString("attached_id")),
                rs.getString("message"),
                rs.getString("description"),
                rs.getString("external_reference"),
                new ProcessException.Source(
                        rs.getString("source_route"),
                        rs.getString("source_kind"),
                        rs.getString("source_position"),
                        rs.getString("source_endpoint")),
                rs.getString("failed_step"),
                rs.getString("error_class"),
                rs.getBoolean("transient_failure"),
                rs.getInt("attempts"),
                rs.getTimestamp("first_failure").toInstant(),
                rs.getTimestamp("last_failure").toInstant(),
                body == null && headers == null
                        ? null
                        : new ProcessException.Original(
                                body, headers == null ? Map.of() : json.readValue(headers, HEADERS)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                null);
    }
}
