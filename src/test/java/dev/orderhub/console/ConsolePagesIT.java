package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's pages over plain HTTP with an order in the hub: search, the order's page, charts, the order's actions
 * (a cancel previewed then confirmed, an adjustment, a reship) and their refusals, the PDF documents it links to.
 */
@HubTest
class ConsolePagesIT {
    @LocalServerPort
    int port;

    ConsoleSession browser;
    String externalId;
    String orderId;

    @BeforeEach
    void signedInWithAClosedOrder() {
        HubClient hub = new HubClient(port);
        externalId = "PAGES-" + UUID.randomUUID();
        assertThat(hub.post(
                                "/api/orders",
                                HubTestContext.INGEST_KEY,
                                SampleOrders.withExternalId(externalId).replace("\"quantity\": 4", "\"quantity\": 1"))
                        .statusCode())
                .isEqualTo(202);
        orderId = HubOrders.awaitOrder(hub, "b2b-portal", externalId, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> HubOrders.order(hub, orderId).path("status").asString(), "CLOSED"::equals);
        browser = new ConsoleSession(port);
        browser.signIn(HubTestContext.OPERATOR_KEY);
    }

    @Test
    void searchFindsAnOrderByEveryReference() {
        for (String q :
                new String[] {orderId, externalId, "4500012345", "ACME-01", "riley@acme.example", "DRILL-18V"}) {
            String page = browser.get("/console/orders?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                            + "&channel=b2b-portal&from=2020-01-01")
                    .body();
            assertThat(page).as("search for " + q).contains("/console/orders/" + orderId);
        }
        String closedOnly = browser.get("/console/orders?q=" + externalId + "&status=CLOSED")
                .body();
        assertThat(closedOnly).contains("/console/orders/" + orderId).contains("class=\"status-count\"");
        assertThat(browser.get("/console/orders?q=" + externalId + "&status=CANCELLED")
                        .body())
                .doesNotContain("/console/orders/" + orderId);
        assertThat(browser.get("/console/orders?q=" + externalId + "&to=2020-01-01")
                        .body())
                .doesNotContain("/console/orders/" + orderId);
    }

    @Test
    void theOrdersPageShowsItsPartsAndTimeline() {
        String page = browser.get("/console/orders/" + orderId).body();
        assertThat(page)
                .contains(externalId)
                .contains("DRILL-18V")
                .contains("WH-EAST")
                .contains("SANDBOX-PARCEL")
                .contains("INV-")
                .contains("AUTHORIZE")
                .contains("CAPTURE")
                .contains("orderhub.order.created")
                .contains("RECEIVED → ACCEPTED");
        assertThat(browser.get("/console/orders/" + orderId + "?lang=de").body())
                .contains("Verlauf")
                .contains("Rechnungen")
                .contains("$"); // money in the order's currency, written the German way
    }

    @Test
    void anActionTheApiRefusesShowsItsMessage() {
        HubClient hub = new HubClient(port);
        String apiAnswer = HubOrders.json(
                        hub.post("/api/orders/" + orderId + "/approve", HubTestContext.OPERATOR_KEY, "{}"), 409)
                .path("detail")
                .asString();
        HttpResponse<String> approved =
                browser.post("/console/orders/" + orderId + "/approve", "/console/orders/" + orderId, Map.of());
        assertThat(approved.statusCode()).isEqualTo(302);
        String page = browser.get("/console/orders/" + orderId).body();
        assertThat(page)
                .contains("<p class=\"failure\" role=\"alert\">" + apiAnswer + "</p>")
                .contains("id=\"order-status\">Closed<");
    }

    @Test
    void theDashboardDrawsItsCharts() {
        String dashboard = browser.get("/console").body();
        assertThat(dashboard).contains("<svg class=\"chart\"").contains("<rect").contains(">b2b-portal</text>");
        assertThat(dashboard).contains(">Closed</text>");
        assertThat(browser.get("/console?lang=de").body()).contains(">Abgeschlossen</text>");
    }

    @Test
    void partnersListTheirFilesAndDocuments() {
        assertThat(browser.get("/console/partners").body()).contains("/console/partners/sftp-test");
        String partner = browser.get("/console/partners/sftp-test").body();
        assertThat(partner).contains("Files received").contains("EDI documents sent");
        assertThat(browser.get("/console/partners/no-such-partner").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPageThatCannotBeShownSaysWhyInHtml() {
        HttpResponse<String> missing = browser.get("/console/orders/no-such-order");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(missing.body()).contains("<h1>Not found</h1>").contains("no-such-order");

        HttpResponse<String> badFilter = browser.get("/console/process-exceptions?status=BOGUS");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(badFilter.body())
                .contains("<h1>Bad request</h1>")
                .contains("Parameter status: \"BOGUS\" is not a value it takes.");
    }

    @Test
    void aCancelShowsItsPreviewFirstAndCancelsOnlyOnConfirmation() {
        HubClient hub = new HubClient(port);
        String waiting = WaitingOrders.submit(hub);
        String page = "/console/orders/" + waiting;
        assertThat(browser.get(page).body())
                .contains("action=\"/console/orders/" + waiting + "/cancel/preview\"")
                .doesNotContain("id=\"cancel-preview\"");

        HttpResponse<String> preview =
                browser.post(page + "/cancel/preview", page, Map.of("reason", "buyer changed their mind"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body())
                .contains("id=\"cancel-preview\"")
                .contains("What the cancel would change")
                .contains("<td>1</td><td class=\"num\">4</td><td class=\"num\">0 → 4</td>")
                .contains("id=\"preview-refund\">$0.00</dd>")
                .contains("id=\"preview-released\">$0.00</dd>")
                .contains("<input type=\"hidden\" name=\"reason\" value=\"buyer changed their mind\">")
                .contains("id=\"confirm-cancel\"")
                .contains("data-confirm=\"Cancel everything still cancelable on this order?\"");
        assertThat(HubOrders.order(hub, waiting).path("status").asString())
                .as("a preview writes nothing")
                .isEqualTo("WAITING_APPROVAL");

        HttpResponse<String> canceled =
                browser.post(page + "/cancel", page, Map.of("reason", "buyer changed their mind"));
        assertThat(canceled.statusCode()).isEqualTo(302);
        assertThat(browser.get(page).body())
                .contains("The order is cancelled as far as it could be.")
                .contains("id=\"order-status\">Cancelled<");

        // the preview of a cancelled order is refused as the cancel itself would be, with the API's message
        String refusal = HubOrders.json(
                        hub.post("/api/orders/" + waiting + "/cancel?preview=true", HubTestContext.OPERATOR_KEY, "{}"),
                        409)
                .path("detail")
                .asString();
        assertThat(browser.post(page + "/cancel/preview", page, Map.of()).statusCode())
                .as("the preview of a cancelled order")
                .isEqualTo(302);
        assertThat(browser.get(page).body()).contains("<p class=\"failure\" role=\"alert\">" + refusal + "</p>");
    }

    @Test
    void anAdjustmentAndAReshipShowTheirCreditMemoAndReshipWithTheirDocuments() {
        String page = "/console/orders/" + orderId;
        HubClient hub = new HubClient(port);
        String noReason = HubOrders.json(
                        hub.post(
                                "/api/orders/" + orderId + "/adjustments",
                                HubTestContext.OPERATOR_KEY,
                                "{\"orderAmount\": 5}"),
                        422)
                .path("detail")
                .asString();
        assertThat(browser.post(page + "/adjust", page, Map.of("orderAmount", "5", "reason", ""))
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get(page).body()).contains("<p class=\"failure\" role=\"alert\">" + noReason + "</p>");

        assertThat(browser.post(page + "/adjust", page, Map.of("lineId", "1", "amount", "5.00", "reason", "scratched"))
                        .statusCode())
                .isEqualTo(302);
        String adjusted = browser.get(page).body();
        assertThat(adjusted).contains("The adjustment is made.");
        String memo = document(adjusted, "credit-memos");
        assertThat(section(adjusted, "credit-memos")).contains("$5.00").contains("adjustment: scratched");

        assertThat(browser.post(page + "/reship", page, Map.of("lineId", "1", "quantity", "1", "reason", "lost"))
                        .statusCode())
                .isEqualTo(302);
        String reshipped = browser.get(page).body();
        assertThat(reshipped).contains("The reship is made.");
        assertThat(section(reshipped, "reships"))
                .contains("RS-")
                .contains("lost")
                .contains("1 DRILL-18V × 1");

        assertThat(browser.post(page + "/return", page, Map.of("lineId", "1", "quantity", "1", "reason", "too heavy"))
                        .statusCode())
                .isEqualTo(302);
        String returned = browser.get(page).body();
        assertThat(returned).contains("The return is requested.");
        assertThat(section(returned, "returns")).contains("RMA-").contains("1 DRILL-18V × 1");

        for (String pdf : new String[] {memo, document(reshipped, "invoices")}) {
            HttpResponse<String> downloaded = browser.get(pdf);
            assertThat(downloaded.statusCode()).as(pdf).isEqualTo(200);
            assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(downloaded.body()).startsWith("%PDF");
        }
    }

    private static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as(id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The first PDF a section of the page links to. */
    private static String document(String page, String section) {
        Matcher link =
                Pattern.compile("href=\"(/api/[a-z-]+/[A-Z0-9-]+\\.pdf)\"").matcher(section(page, section));
        assertThat(link.find()).as("a PDF link in " + section).isTrue();
        return link.group(1);
    }
}
