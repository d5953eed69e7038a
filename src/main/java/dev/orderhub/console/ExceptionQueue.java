package dev.orderhub.console;

import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/** The queue's filters as given; {@code minAgeHours} keeps exceptions at least that old. */
public record ExceptionQueue(
        ProcessException.Status status,
        ProcessException.Category category,
        ProcessException.Level severity,
        Integer minAgeHours) {
    ProcessExceptionFilter filter() {
        Instant before = minAgeHours == null ? null : Instant.now().minus(Duration.ofHours(minAgeHours));
        return new ProcessExceptionFilter(status, category, severity, null, null, before);
    }

    public String link(int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/console/process-exceptions");
        if (status != null) {
            link.queryParam("status", status);
        }
        if (category != null) {
            link.queryParam("category", category);
        }
        if (severity != null) {
            link.queryParam("severity", severity);
        }
        if (minAgeHours != null) {
            link.queryParam("minAgeHours", minAgeHours);
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.build().toUriString();
    }

    public List<ProcessException.Status> statuses() {
        return List.of(ProcessException.Status.values());
    }

    public List<ProcessException.Category> categories() {
        return List.of(ProcessException.Category.values());
    }

    public List<ProcessException.Level> levels() {
        return List.of(ProcessException.Level.values());
    }
}
