package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.awaitEdiException;
import static dev.orderhub.edi.e2e.EdiKit.awaitMoved;
import static dev.orderhub.edi.e2e.EdiKit.awaitOrder;
import static dev.orderhub.edi.e2e.EdiKit.awaitStatus;
import static dev.orderhub.edi.e2e.EdiKit.drop;
import static dev.orderhub.edi.e2e.EdiKit.groupControl;
import static dev.orderhub.edi.e2e.EdiKit.isa13;
import static dev.orderhub.edi.e2e.EdiKit.po;
import static dev.orderhub.edi.e2e.EdiKit.text;
import static dev.orderhub.edi.e2e.OutboundChecks.DEMO;
import static dev.orderhub.edi.e2e.OutboundChecks.list;
import static dev.orderhub.edi.e2e.X12Sample.fullPo;
import static dev.orderhub.edi.e2e.X12Sample.interchange;
import static dev.orderhub.edi.e2e.X12Sample.po850;
import static dev.orderhub.edi.e2e.X12Sample.smallPo;
import static dev.orderhub.edi.e2e.X12Sample.tersePo;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.edi.e2e.EdiKit.Doc;
import dev.orderhub.edi.e2e.EdiKit.Outbox;
import dev.orderhub.edi.e2e.OutboundChecks.ElementNote;
import dev.orderhub.edi.e2e.OutboundChecks.SegmentNote;
import dev.orderhub.edi.e2e.OutboundChecks.SetAck;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * README's EDI walk-through on the embedded default's partner {@code demo}: an 004010 interchange dropped in
 * {@code <data-dir>/inbox/demo/} (two groups, the second with GS08 {@code 004010VICS}; {@code ~} without line
 * breaks, {@code >} components) yields orders and, in {@code <data-dir>/outbox/demo/}, a 997 per group and an 855
 * per PO, and after the sandbox ships, an 856 and an 810 — each accepted by StAEDI's validating reader, in 004010
 * with the demo profile's {@code ~ * >} separators. A broken 850 gets a 997 that rejects it and names the segment and
 * the element at fault.
 */
@HubTest
class DemoFolderEdiIT {
    private static final String CHANNEL = "demo";
    private static final String PO_DATE = "20261102";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    HubClient hub;
    Path inbox;
    Outbox out;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        Path data = Path.of(environment.getRequiredProperty("orderhub.data-dir"));
        inbox = data.resolve("inbox").resolve("demo");
        out = new Outbox(data.resolve("outbox").resolve("demo"));
    }

    @Test
    void an004010InterchangeInTheDemoInboxRunsTo997855856And810InTheDemoOutbox() {
        String poFull = po("E2E-DEMO");
        String poTerse = po("E2E-DEMOT");
        String poVics = po("E2E-VICS");
        String isa = isa13();
        String first = groupControl();
        String second = groupControl();
        X12Sample.Set full = po850("0001", fullPo(poFull, "DRILL-18V", 1, "BIT-SET-50", 2));
        X12Sample.Set terse = po850("0002", tersePo(poTerse, "DC01", "GLOVES-L", 2, "DRILL-18V", 1));
        X12Sample.Set vics = po850("0001", smallPo(poVics, "BIT-SET-50", 4));
        X12Sample sample = interchange("DEMOPARTNER", "00401", isa)
                .group(first, "004010", full, terse)
                .group(second, "004010VICS", vics);
        String file = "demo-" + isa + ".edi";

        drop(inbox, file, sample.in(X12Sample.TILDE_NO_BREAKS));

        String fullId = awaitOrder(hub, CHANNEL, poFull);
        String terseId = awaitOrder(hub, CHANNEL, poTerse);
        String vicsId = awaitOrder(hub, CHANNEL, poVics);
        awaitMoved(inbox, file, ".done");
        JsonNode terseOrder = order(hub, terseId);
        assertThat(terseOrder
                        .path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("name")
                        .asString())
                .as("ship-to DC01 from the demo address book")
                .isEqualTo("Demo Distribution Center");
        assertThat(terseOrder.path("source").path("kind").asString()).isEqualTo("edi");
        assertThat(order(hub, vicsId).path("source").path("position").asString())
                .isEqualTo(CHANNEL + "/" + file + " interchange " + isa + " group " + second + " set 0001");

        OutboundChecks.acceptsAll(out.await997(first), DEMO, first, "004010", List.of(full, terse));
        OutboundChecks.acceptsAll(out.await997(second), DEMO, second, "004010VICS", List.of(vics));

        for (String id : List.of(fullId, terseId, vicsId)) {
            JsonNode closed = awaitStatus(hub, id, "CLOSED");
            String po = closed.path("externalOrderId").asString();
            OutboundChecks.acceptance855(out.await855(po), DEMO, closed, PO_DATE);
            List<JsonNode[]> shipments = new ArrayList<>();
            for (JsonNode fo : closed.path("fulfillmentOrders")) {
                for (JsonNode shipment : fo.path("shipments")) {
                    shipments.add(new JsonNode[] {fo, shipment});
                }
            }
            assertThat(shipments).as("shipments of %s", po).isNotEmpty();
            List<Doc> notices = out.await856s(po, shipments.size());
            for (JsonNode[] shipment : shipments) {
                String shipmentId = shipment[1].path("id").asString();
                OutboundChecks.shipNotice856(
                        notices.stream()
                                .filter(d -> shipmentId.equals(text(d.json().path("BSN"), "BSN02")))
                                .findFirst()
                                .orElseThrow(),
                        DEMO,
                        closed,
                        shipment[0],
                        shipment[1],
                        PO_DATE);
            }
            List<JsonNode> invoices = list(closed.path("invoices"));
            assertThat(invoices).as("invoices of %s", po).isNotEmpty();
            List<Doc> bills = out.await810s(po, invoices.size());
            for (JsonNode invoice : invoices) {
                String number = invoice.path("number").asString();
                OutboundChecks.invoice810(
                        bills.stream()
                                .filter(d -> number.equals(text(d.json().path("BIG"), "BIG02")))
                                .findFirst()
                                .orElseThrow(),
                        DEMO,
                        closed,
                        invoice,
                        PO_DATE);
            }
        }
    }

    /**
     * A USPS tracking number with its routing prefix has 34 characters; REF02 holds 30 in 004010 (50 from 005010).
     * The shipment must still reach the 004010 partner as a valid 856, never fail to be written.
     */
    @Test
    void aShipmentWithATrackingNumberLongerThan004010Ref02StillGetsAValid856() {
        String poNumber = po("E2E-USPS");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850(
                "0001",
                List.of(
                        "BEG*00*SA*" + poNumber + "**20261102",
                        "N1*ST*HOLD Dock 9",
                        "N3*9 Pier Rd",
                        "N4*Newark*NJ*07114",
                        "PO1*1*1*EA*129.00**VP*DRILL-18V",
                        "CTT*1"));
        drop(
                inbox,
                "usps-" + isa + ".edi",
                interchange("DEMOPARTNER", "00401", isa)
                        .group(group, "004010", set)
                        .in(X12Sample.TILDE_LINES));

        String id = awaitOrder(hub, CHANNEL, poNumber);
        JsonNode allocated = await("order " + id + " allocated")
                .atMost(EdiKit.WAIT)
                .until(
                        () -> order(hub, id),
                        o -> o.path("fulfillmentOrders").size() == 1
                                && "ALLOCATED"
                                        .equals(o.path("fulfillmentOrders")
                                                .path(0)
                                                .path("status")
                                                .asString()));
        String tracking = "420071149205590159200000000000123456".substring(0, 34);
        var body = EdiKit.JSON
                .createObjectNode()
                .put("shipmentId", "SHP-" + isa)
                .put("carrier", "USPS")
                .put("service", "PRIORITY")
                .put("trackingNumber", tracking)
                .put("shippedAt", Instant.now().toString());
        body.putArray("lines").addObject().put("lineId", "1").put("quantity", 1);
        var response = hub.post(
                "/api/fulfillment-orders/"
                        + allocated.path("fulfillmentOrders").path(0).path("id").asString() + "/shipments",
                EdiKit.OPERATOR,
                EdiKit.JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        awaitStatus(hub, id, "CLOSED");

        Doc notice = out.await856s(poNumber, 1).get(0);
        OutboundChecks.envelope(notice, DEMO, "SH", "856");
        assertThat(text(EdiKit.hl(notice.json(), "I").path("SN1"), "SN102")).isEqualTo("1");
    }

    @Test
    void aBroken850InTheDemoInboxGetsA997ThatRejectsItAndNamesTheSegmentAndElement() {
        String broken = po("E2E-DEMOBAD");
        String good = po("E2E-DEMOOK");
        String isa = isa13();
        String group = groupControl();
        List<String> body = smallPo(broken, "GLOVES-L", 1).stream()
                .map(s -> s.startsWith("PO1*") ? "PO1*1*1*EA*10.00**VP" : s)
                .toList(); // a qualifier without its id
        X12Sample sample = interchange("DEMOPARTNER", "00401", isa)
                .group(group, "004010", po850("0001", body), po850("0002", smallPo(good, "GLOVES-L", 1)));
        String file = "demo-bad-" + isa + ".x12";
        Instant start = Instant.now();

        drop(inbox, file, sample.in(X12Sample.TILDE_LINES));

        Doc ack = out.await997(group);
        OutboundChecks.ak1Ak9(ack, DEMO, group, "004010", "P", 2, 2, 1);
        List<SetAck> acks = OutboundChecks.setAcks(ack);
        assertThat(acks).hasSize(2);
        assertThat(acks.get(0).status()).as("AK501 in %s", ack).isEqualTo("R");
        assertThat(acks.get(0).notes())
                .as("AK3/AK4 in %s", ack)
                .containsExactly(new SegmentNote("PO1", "6", "8", List.of(new ElementNote("7", "234", "2", ""))));
        assertThat(acks.get(1).status()).isEqualTo("A");

        JsonNode exception = awaitEdiException(hub, start, broken);
        assertThat(exception.path("message").asString()).contains("PO1").contains("234");
        awaitOrder(hub, CHANNEL, good);
        awaitMoved(inbox, file, ".done");
        assertThat(orderCount(hub, CHANNEL, broken)).isZero();
    }
}
