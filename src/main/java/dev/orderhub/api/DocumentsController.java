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

/** Invoices and credit memos as PDF documents. */
@RestController
class DocumentsController {
    private static final String IN_THE_BUYERS_LANGUAGE =
            "In the order's buyer.locale (en, de, fr, es, ja); English when it has none or another.";

    private final InvoiceDocuments documents;

    DocumentsController(InvoiceDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/api/invoices/{number}.pdf")
    @Operation(summary = "An invoice as a PDF document", description = IN_THE_BUYERS_LANGUAGE)
    @ApiResponse(
            responseCode = "200",
            description = "The invoice document",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> invoice(@PathVariable String number) {
        return pdf(number, documents.invoicePdf(number));
    }

    @GetMapping("/api/credit-memos/{number}.pdf")
    @Operation(summary = "A credit memo as a PDF document", description = IN_THE_BUYERS_LANGUAGE)
    @ApiResponse(
            responseCode = "200",
            description = "The credit memo document",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> creditMemo(@PathVariable String number) {
        return pdf(number, documents.creditMemoPdf(number));
    }

    private static ResponseEntity<byte[]> pdf(String number, byte[] document) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(number + ".pdf")
                                .build()
                                .toString())
                .body(document);
    }
}
