package dev.orderhub.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes a report row by row as it is read: nothing but the current row is held. */
interface ReportWriter extends AutoCloseable {

    void row(List<Object> values) throws IOException;

    /** Ends the document and flushes; the stream stays open for the caller. */
    @Override
    void close() throws IOException;

    static ReportWriter of(ReportFormat format, List<String> columns, OutputStream out, JsonMapper json)
            throws IOException {
        return format == ReportFormat.CSV ? new Csv(columns, out) : new Json(columns, out, json);
    }

    /** A value as text: instants in ISO-8601 UTC, decimals without exponent. */
    static String text(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    /** RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote or line break, quotes doubled. */
    final class Csv implements ReportWriter {
        private final Writer out;

        Csv(List<String> columns, OutputStream out) throws IOException {
            this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            row(List.copyOf(columns));
        }

        @Override
        public void row(List<Object> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object value = values.get(i);
                if (value != null) {
                    out.write(field(text(value)));
                }
            }
            out.write("\r\n");
        }

        static String field(String text) {
            if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
                return text;
            }
            return '"' + text.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** A JSON array of objects keyed by column; numbers of counts as numbers, money and instants as strings. */
    final class Json implements ReportWriter {
        private final List<String> columns;
        private final JsonGenerator out;

        Json(List<String> columns, OutputStream out, JsonMapper json) {
            this.columns = columns;
            this.out = json.createGenerator(out);
            this.out.writeStartArray();
        }

        @Override
        public void row(List<Object> values) {
            out.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                Object value = values.get(i);
                out.writeName(columns.get(i));
                if (value == null) {
                    out.writeNull();
                } else if (value instanceof Integer || value instanceof Long) {
                    out.writeNumber(((Number) value).longValue());
                } else if (value instanceof Boolean flag) {
                    out.writeBoolean(flag);
                } else {
                    out.writeString(text(value));
                }
            }
            out.writeEndObject();
        }

        @Override
        public void close() {
            out.writeEndArray();
            out.flush();
        }
    }
}
