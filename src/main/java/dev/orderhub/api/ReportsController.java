package dev.orderhub.api;

import dev.orderhub.report.Report;
import dev.orderhub.report.ReportFilter;
import dev.orderhub.report.ReportFormat;
import dev.orderhub.report.Reports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The prebuilt reports, streamed as they are read (the response is chunked). Everything is checked before the first
 * byte, so that a bad request is a problem answer; a failure while streaming cuts the response short.
 */
@RestController
class ReportsController {
    private final Reports reports;

    ReportsController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/reports/{name}")
    @Operation(
            summary = "A prebuilt report as CSV or JSON",
            description = "Reports: orders, fulfillment-orders, invoices, credit-memos, payments, returns. No personal"
                    + " data (no buyer name, e-mail, phone or address).")
    @ApiResponse(
            responseCode = "200",
            description = "The report, streamed",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(mediaType = "application/json", schema = @Schema(type = "array"))
            })
    void report(
            @Parameter(description = "orders, fulfillment-orders, invoices, credit-memos, payments or returns")
                    @PathVariable
                    String name,
            @Parameter(description = "a date (2026-12-01, from its first instant UTC) or an instant; inclusive")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "a date (that whole day, UTC) or an instant; exclusive")
                    @RequestParam(required = false)
                    String to,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String account,
            @Parameter(description = "csv or json") @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response)
            throws IOException {
        Report report = reports.get(name);
        ReportFilter filter = ReportFilter.parse(from, to, channel, account);
        ReportFormat as = ReportFormat.of(format);
        response.setContentType(as.contentType());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(name + "." + as.extension())
                        .build()
                        .toString());
        reports.write(report, filter, as, response.getOutputStream());
    }
}
