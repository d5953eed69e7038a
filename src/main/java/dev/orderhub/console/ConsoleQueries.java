package dev.orderhub.console;

import dev.orderhub.exception.ProcessException;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.PipelineStep;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The console's read model: searches and counts over the hub's tables that no capability's own API answers
 * (search by any reference, counts per status and channel, orders per minute, backorders per SKU, partner files and
 * EDI documents). Read only: every change goes through the services the API uses.
 */
@Component
public class ConsoleQueries {
    private static final List<String> ACTIVE = ProcessException.Status.activeNames();
    private static final List<String> WAITING_FOR_STOCK = Lifecycle.statusesActedOn(PipelineStep.ALLOCATE).stream()
            .map(Enum::name)
            .toList();

    private final JdbcClient jdbc;

    ConsoleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One order in a search result. */
    public record OrderRow(
            String id,
            String channel,
            String externalOrderId,
            String status,
            String currency,
            BigDecimal total,
            String accountId,
            Instant createdAt) {}

    /** A count of one key (a status, a channel, a category, a SKU, a minute). */
    public record Count(String key, long count) {}

    /** A console order search: q matches an order id, external order id, account, SKU, PO number or buyer e-mail. */
    record OrderSearch(String q, String channel, String status, String account, Instant from, Instant to) {
        String where(Map<String, Object> params, boolean withStatus) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (present(q)) {
                where.append("""
                         AND (o.id = :q OR o.external_order_id = :q OR o.account_id = :q
                         OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku = :q)
                         OR LOWER(o.document) LIKE :like ESCAPE '!')""");
                params.put("q", q.strip());
                params.put("like", "%" + escapeLike(q.strip().toLowerCase(Locale.ROOT)) + "%");
            }
            if (present(channel)) {
                where.append(" AND o.channel = :channel");
                params.put("channel", channel.strip());
            }
            if (withStatus && present(status)) {
                where.append(" AND o.status = :status");
                params.put("status", status.strip());
            }
            if (present(account)) {
                where.append(" AND o.account_id = :account");
                params.put("account", account.strip());
            }
            if (from != null) {
                where.append(" AND o.created_at >= :from");
                params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            if (to != null) {
                where.append(" AND o.created_at < :to");
                params.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            }
            return where.toString();
        }
    }

    List<OrderRow> orders(OrderSearch search, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = search.where(params, true);
        params.put("limit", size);
        params.put("offset", page * size);
        return jdbc.sql("SELECT o.id, o.channel, o.external_order_id, o.status, o.currency, o.grand_total,"
                        + " o.account_id, o.created_at FROM orders o" + where
                        + " ORDER BY o.created_at DESC, o.id LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> new OrderRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBigDecimal(6),
                        rs.getString(7),
                        instant(rs.getObject(8, OffsetDateTime.class))))
                .list();
    }

    /** The search's matches per status (the status filter left out, so that the counts show the other statuses). */
    List<Count> orderStatusCounts(OrderSearch search) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = search.where(params, false);
        return counts(
                "SELECT o.status, COUNT(*) FROM orders o" + where + " GROUP BY o.status ORDER BY o.status", params);
    }

    long orderCount(OrderSearch search) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = search.where(params, true);
        return jdbc.sql("SELECT COUNT(*) FROM orders o" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    List<Count> ordersPerChannel() {
        return counts("SELECT channel, COUNT(*) FROM orders GROUP BY channel ORDER BY channel", Map.of());
    }

    List<Count> ordersPerStatus() {
        return counts("SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status", Map.of());
    }

    /** Orders created per minute since {@code since}, every minute present (zero where none came). */
    List<Count> ordersPerMinute(Instant since, Instant now) {
        Map<Instant, Long> perMinute = new LinkedHashMap<>();
        for (Instant minute = since.truncatedTo(ChronoUnit.MINUTES);
                !minute.isAfter(now);
                minute = minute.plusSeconds(60)) {
            perMinute.put(minute, 0L);
        }
        jdbc.sql("SELECT created_at FROM orders WHERE created_at >= :since")
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query((rs, n) -> instant(rs.getObject(1, OffsetDateTime.class)))
                .list()
                .forEach(at ->
                        perMinute.computeIfPresent(at.truncatedTo(ChronoUnit.MINUTES), (minute, count) -> count + 1));
        List<Count> counts = new ArrayList<>();
        perMinute.forEach((minute, count) -> counts.add(new Count(minute.toString(), count)));
        return counts;
    }

    List<Count> openExceptionsPerCategory() {
        return counts(
                "SELECT category, COUNT(*) FROM process_exceptions WHERE status IN (:active)"
                        + " GROUP BY category ORDER BY category",
                Map.of("active", ACTIVE));
    }

    List<Count> exceptionsPerStatus() {
        return counts("SELECT status, COUNT(*) FROM process_exceptions GROUP BY status ORDER BY status", Map.of());
    }

    /** The number and creation time of the oldest active process exception. */
    Optional<Map.Entry<String, Instant>> oldestOpenException() {
        return jdbc.sql("SELECT number, created_at FROM process_exceptions WHERE status IN (:active)"
                        + " ORDER BY created_at, number LIMIT 1")
                .param("active", ACTIVE)
                .query((rs, n) -> Map.entry(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class))))
                .optional();
    }

    /** Units ordered but neither allocated nor cancelled on orders waiting for stock, per SKU, most first. */
    List<Count> backordersPerSku(int limit) {
        return counts("""
                SELECT l.sku, SUM(l.ordered - l.canceled - l.allocated) AS missing
                FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE o.status IN (:waiting) AND l.ordered - l.canceled - l.allocated > 0
                GROUP BY l.sku ORDER BY missing DESC, l.sku LIMIT :limit""", Map.of("limit", limit, "waiting", WAITING_FOR_STOCK));
    }

    /** One file received from a partner: its claim, the orders made of it and the process exceptions it caused. */
    public record PartnerFileRow(
            String fileName, Instant receivedAt, Instant finishedAt, String outcome, long orders, long failures) {}

    List<PartnerFileRow> partnerFiles(String partnerId, int limit) {
        return jdbc.sql("""
                        SELECT c.file_name, c.claimed_at, c.finished_at, c.outcome,
                          (SELECT COUNT(*) FROM orders o WHERE o.source_kind = 'file'
                             AND o.document LIKE :prefix || c.file_name || ' %' ESCAPE '!'),
                          (SELECT COUNT(*) FROM process_exceptions p
                             WHERE p.source_position LIKE :prefix || c.file_name || '%' ESCAPE '!')
                        FROM partner_file_claims c WHERE c.partner_id = :partner
                        ORDER BY c.claimed_at DESC LIMIT :limit""")
                .param("partner", partnerId)
                .param("prefix", "%" + escapeLike(partnerId) + "/")
                .param("limit", limit)
                .query((rs, n) -> new PartnerFileRow(
                        rs.getString(1),
                        instant(rs.getObject(2, OffsetDateTime.class)),
                        instant(rs.getObject(3, OffsetDateTime.class)),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6)))
                .list();
    }

    /** One EDI document in the partner outbox. */
    public record EdiRow(
            long id, String type, String subject, String payload, Instant createdAt, Instant sentAt, Instant parkedAt) {
        public String kind() {
            return type.startsWith("x12-") ? type.substring(4) : type;
        }
    }

    List<EdiRow> ediDocuments(String partnerId, int limit) {
        return jdbc.sql("""
                        SELECT id, type, subject, payload, created_at, published_at, parked_at FROM outbox
                        WHERE destination = 'partner-edi' AND headers LIKE :partner ESCAPE '!'
                        ORDER BY id DESC LIMIT :limit""")
                .param("partner", "%\"" + escapeLike(partnerId) + "\"%")
                .param("limit", limit)
                .query(ConsoleQueries::ediRow)
                .list();
    }

    Optional<EdiRow> ediDocument(long id) {
        return jdbc.sql("""
                        SELECT id, type, subject, payload, created_at, published_at, parked_at FROM outbox
                        WHERE destination = 'partner-edi' AND id = :id""").param("id", id).query(ConsoleQueries::ediRow).optional();
    }

    /** One event of an order in the outbox. */
    public record EventRow(String type, Instant at, Instant publishedAt, String destination) {}

    List<EventRow> eventsOf(String orderId) {
        return jdbc.sql("""
                        SELECT type, created_at, published_at, destination FROM outbox
                        WHERE subject = :order ORDER BY id""")
                .param("order", orderId)
                .query((rs, n) -> new EventRow(
                        rs.getString(1),
                        instant(rs.getObject(2, OffsetDateTime.class)),
                        instant(rs.getObject(3, OffsetDateTime.class)),
                        rs.getString(4)))
                .list();
    }

    private static EdiRow ediRow(ResultSet rs, int n) throws SQLException {
        return new EdiRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                instant(rs.getObject(5, OffsetDateTime.class)),
                instant(rs.getObject(6, OffsetDateTime.class)),
                instant(rs.getObject(7, OffsetDateTime.class)));
    }

    private List<Count> counts(String sql, Map<String, ?> params) {
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
