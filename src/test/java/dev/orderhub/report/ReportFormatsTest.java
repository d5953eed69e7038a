package dev.orderhub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The report writers, the from/to parameters and the documents' label bundles. */
class ReportFormatsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void csvQuotesByRfc4180() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReportWriter csv = ReportWriter.of(ReportFormat.CSV, List.of("a", "b", "c", "d"), out, JSON)) {
            csv.row(Arrays.asList("plain", "with, comma", "say \"hi\"", null));
            csv.row(Arrays.asList("two\nlines", new BigDecimal("1E+2"), Timestamp.from(Instant.EPOCH), 3));
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("a,b,c,d\r\nplain,\"with, comma\",\"say \"\"hi\"\"\",\r\n"
                        + "\"two\nlines\",100,1970-01-01T00:00:00Z,3\r\n");
    }

    @Test
    void jsonIsAnArrayOfObjects() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReportWriter json = ReportWriter.of(ReportFormat.JSON, List.of("n", "amount", "at", "none"), out, JSON)) {
            json.row(Arrays.asList(7L, new BigDecimal("552.29"), Instant.EPOCH, null));
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("[{\"n\":7,\"amount\":\"552.29\",\"at\":\"1970-01-01T00:00:00Z\",\"none\":null}]");
    }

    @Test
    void emptyReportIsAHeaderOrAnEmptyArray() throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ReportWriter.of(ReportFormat.CSV, List.of("a", "b"), csv, JSON).close();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ReportWriter.of(ReportFormat.JSON, List.of("a", "b"), json, JSON).close();

        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
        assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    @Test
    void fromAndToTakeDatesAndInstants() {
        ReportFilter days = ReportFilter.parse("2026-12-01", "2026-12-01", " ", null);
        assertThat(days.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(days.to()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(days.channel()).isNull();

        ReportFilter instants = ReportFilter.parse("2026-12-01T08:00:00Z", "2026-12-01T10:00:00+01:00", "web", "A");
        assertThat(instants.from()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(instants.to()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(instants.channel()).isEqualTo("web");
    }

    @Test
    void badFromOrToIsRefused() {
        assertThatThrownBy(() -> ReportFilter.parse("2026-13-01", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("from must be a date");
        assertThatThrownBy(() -> ReportFilter.parse(null, "tomorrow", null, null))
                .hasMessageStartingWith("to must be a date");
        assertThatThrownBy(() -> ReportFilter.parse("2026-12-02", "2026-12-01", null, null))
                .hasMessage("from must be before to");
        assertThatThrownBy(() -> ReportFormat.of("xml")).hasMessage("format must be csv or json");
    }

    @Test
    void everyLanguageHasEveryLabel() throws IOException {
        Properties english = new Properties();
        try (var in = getClass().getResourceAsStream("/i18n/documents_en.properties")) {
            english.load(in);
        }
        for (String language : DocumentLabels.LANGUAGES) {
            ResourceBundle labels = DocumentLabels.of(Locale.forLanguageTag(language));
            assertThat(labels.keySet()).as(language).isEqualTo(english.stringPropertyNames());
            assertThat(labels.getLocale().getLanguage()).isEqualTo(language);
        }
    }
}
