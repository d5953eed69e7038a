package dev.orderhub.report;

import dev.orderhub.credit.CreditMemo;
import dev.orderhub.credit.CreditMemoBook;
import dev.orderhub.invoice.Invoice;
import dev.orderhub.store.Orders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Invoices and credit memos as PDF documents in their buyer's language. */
@Service
public class InvoiceDocuments {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Orders orders;
    private final CreditMemoBook creditMemos;
    private final DocumentPdf pdf;

    InvoiceDocuments(JdbcClient jdbc, JsonMapper json, Orders orders, CreditMemoBook creditMemos, DocumentPdf pdf) {
        this.jdbc = jdbc;
        this.json = json;
        this.orders = orders;
        this.creditMemos = creditMemos;
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

    /** The credit memo of that number as a PDF, or the credit package's not-found failure (404). */
    public byte[] creditMemoPdf(String number) {
        CreditMemo memo = creditMemos.get(number);
        return pdf.render(BillingDocument.of(memo, orders.get(memo.orderId())));
    }
}
