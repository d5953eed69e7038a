package dev.orderhub.report;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the prebuilt reports (every {@link Report} bean) and writes them as they are read: a forward-only cursor with
 * a fetch size inside a read-only transaction, each row written to the stream at once, so that a report of a million
 * rows takes the memory of one fetch. Rows written are counted in {@code orderhub.reports.rows} by report.
 */
@Service
public class Reports {
    private final Map<String, Report> reports = new LinkedHashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final int fetchSize;

    Reports(
            List<Report> reports,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            JsonMapper json,
            MeterRegistry meters,
            @Value("${orderhub.reports.fetch-size:1000}") int fetchSize) {
        reports.forEach(report -> this.reports.put(report.name(), report));
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.meters = meters;
        this.fetchSize = fetchSize;
    }

    /** The report of that name, or {@link ReportNotFoundException}. */
    public Report get(String name) {
        Report report = reports.get(name);
        if (report == null) {
            throw new ReportNotFoundException(name, reports.keySet());
        }
        return report;
    }

    public List<String> names() {
        return List.copyOf(reports.keySet());
    }

    /** Writes the report in the format to out, row by row; out stays open. */
    public void write(Report report, ReportFilter filter, ReportFormat format, OutputStream out) throws IOException {
        try (ReportWriter writer = ReportWriter.of(format, report.columns(), out, json)) {
            if (report.select() == null) {
                return;
            }
            Report.Query query = report.query(filter);
            RowCallbackHandler rows = row -> {
                try {
                    writer.row(report.rows().read(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            readOnly.executeWithoutResult(transaction -> jdbc.query(
                    connection -> {
                        PreparedStatement statement = connection.prepareStatement(
                                query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                        statement.setFetchSize(fetchSize);
                        for (int i = 0; i < query.parameters().size(); i++) {
                            statement.setObject(i + 1, query.parameters().get(i));
                        }
                        return statement;
                    },
                    counted(report.name(), rows)));
        }
    }

    private RowCallbackHandler counted(String name, RowCallbackHandler rows) {
        var counter = meters.counter("orderhub.reports.rows", "report", name);
        return row -> {
            rows.processRow(row);
            counter.increment();
        };
    }
}
