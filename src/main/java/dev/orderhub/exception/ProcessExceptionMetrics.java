package dev.orderhub.exception;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

/**
 * Metrics on /actuator/prometheus: process exceptions by category and status (refreshed from the database, so
 * every instance reports the same), created by category, and dead-lettered messages by source.
 */
@Component
class ProcessExceptionMetrics {
    private final MeterRegistry registry;
    private final ProcessExceptionRepository repository;
    private final MultiGauge byCategoryAndStatus;

    ProcessExceptionMetrics(MeterRegistry registry, ProcessExceptionRepository repository) {
        this.registry = registry;
        this.repository = repository;
        this.byCategoryAndStatus = MultiGauge.builder("orderhub.process.exceptions.current")
                .description("process exceptions by category and status")
                .register(registry);
    }

    /** Re-reads the counts by category and status. */
    public void refresh() {
        byCategoryAndStatus.register(
                repository.countsByCategoryAndStatus().stream()
                        .map(row -> MultiGauge.Row.of(
                                Tags.of("category", (String) row[0], "status", (String) row[1]), (Long) row[2]))
                        .toList(),
                true);
    }

    void created(ProcessException.Category category) {
        registry.counter("orderhub.process.exceptions.raised", "category", category.name())
                .increment();
    }

    void deadLettered(String source) {
        registry.counter("orderhub.dead.letters", "source", source).increment();
    }
}
