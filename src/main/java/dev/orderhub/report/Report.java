package dev.orderhub.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A prebuilt report: its columns and the query that yields them. The query is {@code select} (up to its joins, with
 * the order as {@code o}) narrowed by the filter on {@code at} (from inclusive, to exclusive), the order's channel and
 * account, in {@code orderBy} order; {@code rows} reads a row's values in column order. A report without a query
 * (its table does not exist yet) answers its columns and no rows.
 */
public record Report(String name, List<String> columns, String select, String at, String orderBy, RowReader rows) {

    /** Reads one row of the cursor as the report's values, in column order. */
    @FunctionalInterface
    public interface RowReader {
        List<Object> read(ResultSet row) throws SQLException;
    }

    public Report {
        columns = List.copyOf(columns);
    }

    /** A report whose values are its query's columns of the same names. */
    public static Report ofColumns(String name, List<String> columns, String select, String at, String orderBy) {
        return new Report(name, columns, select, at, orderBy, row -> {
            List<Object> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                values.add(row.getObject(column));
            }
            return values;
        });
    }

    /** A report with columns and no rows, until its table exists. */
    public static Report empty(String name, List<String> columns) {
        return new Report(name, columns, null, null, null, row -> List.of());
    }

    /** The query with the filter's conditions, and its parameters in order. */
    Query query(ReportFilter filter) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        if (filter.from() != null) {
            sql.append(" AND ").append(at).append(" >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(at).append(" < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (filter.channel() != null) {
            sql.append(" AND o.channel = ?");
            parameters.add(filter.channel());
        }
        if (filter.account() != null) {
            sql.append(" AND o.account_id = ?");
            parameters.add(filter.account());
        }
        sql.append(" ORDER BY ").append(orderBy);
        return new Query(sql.toString(), parameters);
    }

    record Query(String sql, List<Object> parameters) {}
}
