package dev.orderhub.report;

import dev.orderhub.invoice.Invoice;
import dev.orderhub.store.Orders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Invoices as PDF documents in their buyer's language. */
@Service
public class InvoiceDocuments {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Orders orders;
    private final DocumentPdf pdf;

    InvoiceDocuments(JdbcClient jdbc, JsonMapper json, Orders orders, DocumentPdf pdf) {
        this.jdbc = jdbc;
        this.json = json;
        this.orders = orders;
        this.pdf = pdf;
    }

    /** The posted invoice of that number as a PDF, or {@link DocumentNotFoundException}. */
    public byte[] invoicePdf(String number) {
        Invoice invoice = jdbc.sql("SELECT document FROM invoices WHERE number = :n")
                .param("n", number)
                .query(String.class)
                .optional()
                .map(document -> json.readValue(document, Invoice.class))
                .orElseThrow(() -> new DocumentNotFoundException("invoice", number));
        return pdf.render(BillingDocument.of(invoice, orders.get(invoice.orderId())));
    }
}
