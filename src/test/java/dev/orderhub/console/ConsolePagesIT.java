package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's pages over plain HTTP with an order in the hub: search, the order's page, charts, a refused action. */
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
}
