package dev.orderhub.api;

import dev.orderhub.report.InvoiceDocuments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Invoices as PDF documents. */
@RestController
class DocumentsController {
    private final InvoiceDocuments invoices;

    DocumentsController(InvoiceDocuments invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/api/invoices/{number}.pdf")
    @Operation(
            summary = "An invoice as a PDF document",
            description = "In the order's buyer.locale (en, de, fr, es, ja); English when it has none or another.")
    @ApiResponse(
            responseCode = "200",
            description = "The invoice document",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> invoice(@PathVariable String number) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(number + ".pdf")
                                .build()
                                .toString())
                .body(invoices.invoicePdf(number));
    }
}
