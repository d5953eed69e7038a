package dev.orderhub.fulfillment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for EasyPost's API (https://api.easypost.com/v2), shaped after its public reference: Shipments with
 * their Rates, bought once (a Shipment read back after its purchase carries its postage label and selected rate),
 * Trackers, and error bodies {@code {"error": {"code", "message", "errors"}}}. One server for the test run.
 */
public final class EasyPostServer {
    public static final String API_KEY = "EZTKtest0123456789";
    public static final String WEBHOOK_SECRET = "test-easypost-webhook-secret";
    /** The inventory connector file {@link #writeInventory} writes. */
    public static final String INVENTORY = "hub-labels";

    private static final WireMockServer SERVER = start();

    private EasyPostServer() {}

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(20));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static WireMockServer server() {
        return SERVER;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    /**
     * A Shipment that can be created, read (not bought yet), bought once at any of its rates and read again
     * (bought); its id is {@code shp_<name>} and its tracking code {@code EZ<name>}.
     */
    public static void shipment(String name) {
        String id = "shp_" + name;
        String scenario = "shipment " + name;
        SERVER.stubFor(post(urlEqualTo("/v2/shipments")).willReturn(json(201, created(id))));
        SERVER.stubFor(get(urlEqualTo("/v2/shipments/" + id))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, created(id))));
        SERVER.stubFor(post(urlEqualTo("/v2/shipments/" + id + "/buy"))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("bought")
                .willReturn(json(200, bought(id, name))));
        SERVER.stubFor(get(urlEqualTo("/v2/shipments/" + id))
                .inScenario(scenario)
                .whenScenarioStateIs("bought")
                .willReturn(json(200, bought(id, name))));
        // EasyPost refuses to buy a Shipment twice
        SERVER.stubFor(post(urlEqualTo("/v2/shipments/" + id + "/buy"))
                .inScenario(scenario)
                .whenScenarioStateIs("bought")
                .willReturn(error(422, "SHIPMENT.POSTAGE.EXISTS", "Postage already exists for this shipment.")));
    }

    /**
     * Writes inventory connector file {@link #INVENTORY} into a hub's connectors folder: location WH-HUB (DRILL-18V)
     * with {@code labels: hub}, whose labels the hub buys, beside the WMS-run WH-EAST (SAW-CIRC-7, shipped by the
     * sandbox ERP).
     */
    public static void writeInventory(Path connectorsDir) throws IOException {
        Files.writeString(connectorsDir.resolve("inventory").resolve(INVENTORY + ".yaml"), """
                title: Test inventory with a location whose labels the hub buys
                kind: inventory
                type: sandbox
                maxSplits: 2
                locations:
                  - id: WH-HUB
                    name: Hub-labelled warehouse, Austin TX
                    country: US
                    region: TX
                    priority: 1
                    labels: hub
                    address: {name: Orderhub Hub DC, line1: 1 Hub Way, city: Austin, region: TX,
                              postalCode: "78741", country: US}
                    stock:
                      DRILL-18V: 100000
                  - id: WH-EAST
                    name: East warehouse, Edison NJ
                    country: US
                    region: NJ
                    priority: 2
                    stock:
                      SAW-CIRC-7: 100000
                """);
    }

    /** Trackers are made for any tracking code. */
    public static void trackers() {
        SERVER.stubFor(post(urlEqualTo("/v2/trackers")).atPriority(10).willReturn(json(201, """
                        {"id": "trk_test", "object": "Tracker", "mode": "test", "tracking_code": "EZ1000000001",
                         "status": "pre_transit", "carrier": "USPS", "tracking_details": []}""")));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return json(status, """
                {"error": {"code": "%s", "message": "%s", "errors": []}}""".formatted(code, message));
    }

    /** A new Shipment: four Rates, the cheapest of service Ground being UPSDAP's at 9.85 (USPS Priority is cheaper). */
    static String created(String id) {
        return """
                {"id": "%1$s", "object": "Shipment", "mode": "test", "reference": null, "status": "unknown",
                 "tracking_code": null, "postage_label": null, "selected_rate": null,
                 "rates": [
                   {"id": "rate_ups_ground", "object": "Rate", "carrier": "UPS", "service": "Ground", "rate": "11.20",
                    "currency": "USD", "shipment_id": "%1$s"},
                   {"id": "rate_upsdap_ground", "object": "Rate", "carrier": "UPSDAP", "service": "Ground",
                    "rate": "9.85", "currency": "USD", "shipment_id": "%1$s"},
                   {"id": "rate_ups_2day", "object": "Rate", "carrier": "UPS", "service": "2ndDayAir", "rate": "25.00",
                    "currency": "USD", "shipment_id": "%1$s"},
                   {"id": "rate_usps_priority", "object": "Rate", "carrier": "USPS", "service": "Priority",
                    "rate": "8.10", "currency": "USD", "shipment_id": "%1$s"}
                 ]}""".formatted(id);
    }

    static String bought(String id, String name) {
        return """
                {"id": "%1$s", "object": "Shipment", "mode": "test", "status": "unknown",
                 "tracking_code": "EZ%2$s",
                 "postage_label": {"object": "PostageLabel", "label_url": "https://easypost-files.s3.amazonaws.com/files/postage_label/%1$s.png",
                                   "label_file_type": "image/png"},
                 "selected_rate": {"id": "rate_upsdap_ground", "object": "Rate", "carrier": "UPSDAP",
                                   "service": "Ground", "rate": "9.85", "currency": "USD", "shipment_id": "%1$s"},
                 "rates": []}""".formatted(id, name);
    }
}
