package dev.orderhub.api;

import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionActions;
import dev.orderhub.exception.ProcessExceptionFilter;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.report.ReportFilter;
import dev.orderhub.store.Page;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' process-exception API: list, inspect, act, retry (one or in bulk). */
@RestController
@RequestMapping("/api/process-exceptions")
class ProcessExceptionsController {
    private final ProcessExceptions exceptions;
    private final ProcessExceptionActions actions;

    ProcessExceptionsController(ProcessExceptions exceptions, ProcessExceptionActions actions) {
        this.exceptions = exceptions;
        this.actions = actions;
    }

    @GetMapping
    Page<ProcessException> list(
            @RequestParam(required = false) ProcessException.Status status,
            @RequestParam(required = false) ProcessException.Category category,
            @RequestParam(required = false) ProcessException.Level severity,
            @RequestParam(required = false) String orderId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ReportFilter period = period(from, to);
        return exceptions.list(
                new ProcessExceptionFilter(status, category, severity, orderId, period.from(), period.to()),
                Math.max(page, 0),
                Math.min(Math.max(size, 1), 200));
    }

    /**
     * From and to as the reports read them: a date (its first instant UTC; for to, the whole day) or an instant, from
     * before to; anything else is a 400.
     */
    private static ReportFilter period(String from, String to) {
        return ReportFilter.parse(from, to, null, null);
    }

    @GetMapping("/{number}")
    ProcessException get(@PathVariable String number) {
        return exceptions.get(number);
    }

    /** Bulk retry by the list's filters; answers 202 with the numbers retried. */
    @PostMapping("/retry")
    @ApiResponse(
            responseCode = "202",
            description = "The numbers of the exceptions retried",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, List<String>>> retryAll(
            @RequestParam(required = false) ProcessException.Status status,
            @RequestParam(required = false) ProcessException.Category category,
            @RequestParam(required = false) ProcessException.Level severity,
            @RequestParam(required = false) String orderId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportFilter period = period(from, to);
        ProcessExceptionFilter filter = new ProcessExceptionFilter(
                status != null ? status : ProcessException.Status.NEW,
                category,
                severity,
                orderId,
                period.from(),
                period.to());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("retried", actions.retryAll(filter)));
    }

    /**
     * triage, pause, ignore, void, resolve, retry; retry answers 202 whether or not the cause is fixed yet. A retry
     * of a message that never became an order may carry {@code {"correctedBody": "…"}} to replay a fixed original.
     */
    @PostMapping("/{number}/{action}")
    @ApiResponse(responseCode = "200", description = "The exception after the action", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "202",
            description = "retry: the exception as the retry left it, whether or not the cause is fixed yet",
            useReturnTypeSchema = true)
    ResponseEntity<ProcessException> act(
            @PathVariable String number,
            @Parameter(
                            description = "What to do with the exception",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"triage", "pause", "ignore", "void", "resolve", "retry"
                                            }))
                    @PathVariable
                    String action,
            @RequestBody(required = false) Map<String, String> body) {
        String corrected = body == null ? null : body.get("correctedBody");
        ProcessException after = "retry".equals(action) && corrected != null
                ? actions.retryCorrected(number, corrected)
                : actions.act(number, action, body == null ? null : body.get("note"));
        return ResponseEntity.status("retry".equals(action) ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(after);
    }
}
