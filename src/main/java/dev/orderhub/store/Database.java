package dev.orderhub.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database the hub writes to. On PostgreSQL a change of many rows of one kind (an order's lines, a
 * transaction's stock) is one statement over arrays ({@code unnest}) instead of a statement per row, which is most
 * of what PostgreSQL spends on a statement; the embedded H2 runs the same change as a JDBC batch.
 */
@Component
public class Database {
    private final boolean postgres;

    Database(JdbcTemplate template) {
        this.postgres = "PostgreSQL".equals(template.execute((ConnectionCallback<String>)
                c -> c.getMetaData().getDatabaseProductName()));
    }

    /** Whether many rows of one kind are written by one statement over arrays (PostgreSQL's {@code unnest}). */
    public boolean writesArrays() {
        return postgres;
    }

    /** A PostgreSQL array of text for a statement's parameter. */
    public static Array text(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray());
    }

    /** A PostgreSQL array of integers for a statement's parameter. */
    public static Array integers(Connection connection, Collection<Integer> values) throws SQLException {
        return connection.createArrayOf("int4", values.toArray());
    }
}
