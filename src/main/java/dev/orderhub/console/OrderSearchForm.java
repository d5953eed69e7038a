package dev.orderhub.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.util.UriComponentsBuilder;

/** The search form's values, as typed; {@link #search()} reads them. */
public record OrderSearchForm(String q, String channel, String status, String account, String from, String to) {
    ConsoleQueries.OrderSearch search() {
        Instant fromAt = instant(from, false);
        Instant toAt = instant(to, true);
        return new ConsoleQueries.OrderSearch(q, channel, status, account, fromAt, toAt);
    }

    /** A date is its whole day (to: up to its end), an instant itself. */
    private static Instant instant(String value, boolean end) {
        if (!ConsoleQueries.present(value)) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            return Instant.parse(value.strip());
        }
    }

    /** The search's link to a page of it, or with another status. */
    public String link(String withStatus, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/console/orders");
        param(link, "q", q);
        param(link, "channel", channel);
        param(link, "status", withStatus);
        param(link, "account", account);
        param(link, "from", from);
        param(link, "to", to);
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder link, String name, String value) {
        if (ConsoleQueries.present(value)) {
            link.queryParam(name, value);
        }
    }
}
