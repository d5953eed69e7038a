package dev.orderhub.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/invoices/{number}.pdf and GET /api/credit-memos/{number}.pdf of orders made through the pipeline (and a
 * return received through the API), read back from the PDF.
 */
@HubTest
class InvoicePdfIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void invoiceIsAPdfInTheBuyersLanguage() throws Exception {
        JsonNode order = ReportOrders.closedOrder(hub, ReportOrders.channel(), "de-DE");
        String number = order.path("invoices").path(0).path("number").asString();

        HttpResponse<byte[]> response = pdf(number);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = DocumentPdfTest.text(response.body());
        assertThat(text)
                .contains("Rechnung " + number, "Gesamtbetrag", "Steuer")
                .contains("552,29", "42,09", "516,00")
                .contains(order.path("id").asString(), "4500012345", "Cordless drill 18V");
    }

    @Test
    void invoiceOfABuyerWithoutLocaleIsEnglish() throws Exception {
        JsonNode order = ReportOrders.closedOrder(hub, ReportOrders.channel(), null);
        String number = order.path("invoices").path(0).path("number").asString();

        String text = DocumentPdfTest.text(pdf(number).body());

        assertThat(text).contains("Invoice " + number, "Total", "$552.29", "$42.09");
    }

    @Test
    void unknownInvoiceIsA404Problem() {
        HttpResponse<String> response = hub.get("/api/invoices/INV-99999999.pdf", HubTestContext.OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no invoice INV-99999999");
    }

    @Test
    void creditMemoIsAPdfInTheBuyersLanguage() throws Exception {
        JsonNode order = ReportOrders.closedOrder(hub, ReportOrders.channel(), "de");
        JsonNode memo = ReportOrders.creditMemo(hub, order.path("id").asString());
        String number = memo.path("number").asString();

        HttpResponse<byte[]> response = get("/api/credit-memos/" + number + ".pdf");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).contains(number + ".pdf"));
        String text = DocumentPdfTest.text(response.body());
        assertThat(text)
                .contains("Gutschrift " + number, "Gesamtbetrag", "Steuer", "Menge")
                .contains("132,66", memo.path("tax").asString().replace('.', ','))
                .contains(order.path("id").asString(), "4500012345", "Cordless drill 18V")
                .doesNotContain("Rechnung ");
    }

    @Test
    void unknownCreditMemoIsA404Problem() {
        HttpResponse<String> response = hub.get("/api/credit-memos/CM-99999999.pdf", HubTestContext.OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("credit memo CM-99999999 not found");
    }

    private HttpResponse<byte[]> pdf(String number) throws IOException, InterruptedException {
        return get("/api/invoices/" + number + ".pdf");
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Api-Key", HubTestContext.OPERATOR_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
