package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.awaitMoved;
import static dev.orderhub.edi.e2e.EdiKit.awaitOrder;
import static dev.orderhub.edi.e2e.EdiKit.awaitStatus;
import static dev.orderhub.edi.e2e.EdiKit.drop;
import static dev.orderhub.edi.e2e.EdiKit.groupControl;
import static dev.orderhub.edi.e2e.EdiKit.isa13;
import static dev.orderhub.edi.e2e.EdiKit.po;
import static dev.orderhub.edi.e2e.EdiKit.text;
import static dev.orderhub.edi.e2e.OutboundChecks.SFTP_TEST;
import static dev.orderhub.edi.e2e.OutboundChecks.list;
import static dev.orderhub.edi.e2e.X12Sample.fullPo;
import static dev.orderhub.edi.e2e.X12Sample.interchange;
import static dev.orderhub.edi.e2e.X12Sample.po850;
import static dev.orderhub.edi.e2e.X12Sample.po850With5010Reference;
import static dev.orderhub.edi.e2e.X12Sample.smallPo;
import static dev.orderhub.edi.e2e.X12Sample.tersePo;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.edi.e2e.EdiKit.Doc;
import dev.orderhub.edi.e2e.EdiKit.Outbox;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Sftp;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * EDI end to end over a real SFTP server (MINA SSHD, key auth, strict host key checking): partner
 * {@code sftp-test} (005010, {@code ~ * : ^}) drops one interchange holding two functional groups, the first with two
 * POs, on the server's {@code in/}; the hub makes an order of each PO, writes a 997 per group and an 855 per order
 * to {@code out/}; the sandbox ERP ships; an 856 per shipment and an 810 per invoice follow. Every document is read
 * back from {@code out/} under its final name with the validating X12 reader and checked field by field.
 */
@HubTest
class SftpEdiRoundTripIT {
    private static final String CHANNEL = "sftp-test";
    private static final String PO_DATE = "20261102";

    @LocalServerPort
    int port;

    HubClient hub;
    Path in;
    Outbox out;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        in = Sftp.root().resolve("in");
        out = new Outbox(Sftp.root().resolve("out"));
    }

    @Test
    void purchaseOrdersInTwoGroupsBecomeOrdersAcknowledgedShippedAndInvoicedOverSftp() {
        String poFull = po("E2E-FULL");
        String poTerse = po("E2E-TERSE");
        String poSmall = po("E2E-SMALL");
        String isa = isa13();
        String first = groupControl();
        String second = groupControl();
        X12Sample.Set full = po850With5010Reference("0001", fullPo(poFull, "DRILL-18V", 2, "BIT-SET-50", 3));
        X12Sample.Set terse = po850With5010Reference("0002", tersePo(poTerse, "0791", "GLOVES-L", 4, "BIT-SET-50", 1));
        X12Sample.Set small = po850("0003", smallPo(poSmall, "DRILL-18V", 1));
        X12Sample sample = interchange("SFTPPARTNER", "00501", isa)
                .group(first, "005010", full, terse)
                .group(second, "005010", small);
        String file = "po-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, sample.in(X12Sample.TILDE_LINES));

        // 850 -> orders, as the partner's defaults and the mapping say
        String fullId = awaitOrder(hub, CHANNEL, poFull);
        String terseId = awaitOrder(hub, CHANNEL, poTerse);
        String smallId = awaitOrder(hub, CHANNEL, poSmall);
        awaitMoved(in, file, ".done");
        checkFullOrder(order(hub, fullId), file, isa, first);
        checkTerseOrder(order(hub, terseId));
        JsonNode smallOrder = order(hub, smallId);
        assertThat(smallOrder.path("source").path("position").asString())
                .isEqualTo(CHANNEL + "/" + file + " interchange " + isa + " group " + second + " set 0003");

        // a 997 per functional group, each set accepted
        Doc ackFirst = out.await997(first);
        Doc ackSecond = out.await997(second);
        OutboundChecks.acceptsAll(ackFirst, SFTP_TEST, first, "005010", List.of(full, terse));
        OutboundChecks.acceptsAll(ackSecond, SFTP_TEST, second, "005010", List.of(small));
        assertThat(ackFirst.interchange().controlNumber())
                .as("each 997 in its own interchange")
                .isNotEqualTo(ackSecond.interchange().controlNumber());

        // the sandbox ERP ships everything and the invoice closes each order
        for (String po : List.of(poFull, poTerse, poSmall)) {
            String id = HubOrders.orderId(hub, CHANNEL, po).orElseThrow();
            JsonNode closed = awaitStatus(hub, id, "CLOSED");
            documentsOf(closed);
        }

        assertThat(orderCount(hub, CHANNEL, poFull)).isEqualTo(1);
        assertThat(EdiKit.ediExceptionsSince(hub, start))
                .as("no EDI process exception for a clean interchange")
                .noneMatch(pe -> pe.path("externalReference").asString().equals(isa)
                        || List.of(poFull, poTerse, poSmall)
                                .contains(pe.path("externalReference").asString()));
        assertThat(out.acks997(first)).as("one 997 per group, not one per set").hasSize(1);
    }

    /**
     * An 856 per shipment and an 810 per invoice: a PO whose ship-to the sandbox ERP holds ("HOLD ...") is shipped by
     * hand in two parts, as a real ERP confirms (its own shipment ids and tracking numbers); each part gets its own
     * 856 with the quantities of that shipment and its own 810 with what that invoice bills.
     */
    @Test
    void twoPartialShipmentsGiveTwo856sAndTwo810s() {
        String poNumber = po("E2E-PART");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850(
                "0001",
                List.of(
                        "BEG*00*SA*" + poNumber + "**20261102",
                        "N1*ST*HOLD Dock 7",
                        "N3*7 Pier Rd",
                        "N4*Newark*NJ*07114",
                        "PO1*1*3*EA*129.00**VP*DRILL-18V",
                        "PO1*2*2*EA*24.50**VP*GLOVES-L*UP*012345678912",
                        "CTT*2"));
        String file = "partial-" + isa + ".edi";

        drop(
                in,
                file,
                interchange("SFTPPARTNER", "00501", isa)
                        .group(group, "005010", set)
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
        String fo = allocated.path("fulfillmentOrders").path(0).path("id").asString();
        ship(fo, "SHP-" + UUID.randomUUID().toString().substring(0, 8), "1Z999AA10000000021", "1", 1);
        ship(fo, "SHP-" + UUID.randomUUID().toString().substring(0, 8), "1Z999AA10000000022", "1", 2, "2", 2);

        JsonNode closed = awaitStatus(hub, id, "CLOSED");
        assertThat(closed.path("invoices")).as("an invoice per shipment").hasSize(2);
        documentsOf(closed);
    }

    /**
     * The ERP contract names shipments by any string id (the pipeline tests use {@code SHP-<uuid>}, 40 characters);
     * BSN02 holds at most 30. The shipment must still reach the partner as a valid 856 (with the PO, tracking number
     * and quantities), never fail to be written.
     */
    @Test
    void aShipmentWhoseErpIdIsLongerThanBsn02StillGetsAValid856() {
        String poNumber = po("E2E-LONGID");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850(
                "0001",
                List.of(
                        "BEG*00*SA*" + poNumber + "**20261102",
                        "N1*ST*HOLD Dock 8",
                        "N3*8 Pier Rd",
                        "N4*Newark*NJ*07114",
                        "PO1*1*2*EA*129.00**VP*DRILL-18V",
                        "CTT*1"));
        drop(
                in,
                "longid-" + isa + ".edi",
                interchange("SFTPPARTNER", "00501", isa)
                        .group(group, "005010", set)
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
        JsonNode fo = allocated.path("fulfillmentOrders").path(0);
        ship(fo.path("id").asString(), "SHP-" + UUID.randomUUID(), "1Z999AA10000000023", "1", 2);
        JsonNode closed = awaitStatus(hub, id, "CLOSED");
        JsonNode shipment =
                closed.path("fulfillmentOrders").path(0).path("shipments").path(0);

        Doc notice = out.await856s(poNumber, 1).get(0);
        OutboundChecks.envelope(notice, SFTP_TEST, "SH", "856");
        JsonNode json = notice.json();
        assertThat(text(json.path("BSN"), "BSN02"))
                .as("BSN02 names the shipment within 30 characters")
                .isNotBlank()
                .hasSizeLessThanOrEqualTo(30);
        assertThat(text(EdiKit.all(EdiKit.hl(json, "S"), "REF").get(0), "REF02"))
                .isEqualTo("1Z999AA10000000023");
        assertThat(text(EdiKit.hl(json, "I").path("SN1"), "SN102")).isEqualTo("2");
        assertThat(shipment.path("id").asString()).hasSizeGreaterThan(30);
    }

    private void ship(String fulfillmentOrderId, String shipmentId, String trackingNumber, Object... lines) {
        var body = EdiKit.JSON
                .createObjectNode()
                .put("shipmentId", shipmentId)
                .put("carrier", "UPS")
                .put("service", "GROUND")
                .put("trackingNumber", trackingNumber)
                .put("shippedAt", Instant.now().toString());
        var shipped = body.putArray("lines");
        for (int i = 0; i < lines.length; i += 2) {
            shipped.addObject().put("lineId", (String) lines[i]).put("quantity", (Integer) lines[i + 1]);
        }
        var response = hub.post(
                "/api/fulfillment-orders/" + fulfillmentOrderId + "/shipments",
                EdiKit.OPERATOR,
                EdiKit.JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /**
     * An 855 that rejects: a PO beyond the partner account's credit limit waits for approval, the operator rejects
     * it, and the partner gets an 855 with BAK02 RJ and every line rejected (ACK*IR, quantity 0).
     */
    /** A return of a partner's order, once authorised, reaches the partner as a 180 with the RMA and what comes back. */
    @Test
    void anAuthorisedReturnGetsA180() {
        String poNumber = po("E2E-RMA");
        String isa = isa13();
        drop(
                in,
                "rma-" + isa + ".edi",
                interchange("SFTPPARTNER", "00501", isa)
                        .group(groupControl(), "005010", po850("0001", smallPo(poNumber, "DRILL-18V", 3)))
                        .in(X12Sample.TILDE_LINES));
        String id = awaitOrder(hub, CHANNEL, poNumber);
        awaitStatus(hub, id, "CLOSED");

        var requested = hub.post("/api/orders/" + id + "/returns", EdiKit.OPERATOR, """
                {"lines": [{"lineId": "1", "quantity": 2, "reason": "arrived damaged"}], "note": "store 12"}""");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String rma = HubOrders.json(requested, 201).path("number").asString();
        // nothing goes to the partner before the return is authorised
        assertThat(out.find("180", d -> rma.equals(text(d.json().path("BGN"), "BGN02"))))
                .isEmpty();
        var authorized = hub.post("/api/return-orders/" + rma + "/authorize", EdiKit.OPERATOR, "");
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);

        Doc notice = out.awaitOne(
                "180", "180 for " + rma, d -> rma.equals(text(d.json().path("BGN"), "BGN02")));
        OutboundChecks.envelope(notice, SFTP_TEST, "AN", "180");
        JsonNode json = notice.json();
        assertThat(text(json.path("BGN"), "BGN01")).isEqualTo("00");
        assertThat(List.of(text(json.path("PRF"), "PRF01"), text(json.path("PRF"), "PRF04")))
                .containsExactly(poNumber, PO_DATE);
        List<JsonNode> references = EdiKit.all(json, "N9");
        assertThat(references)
                .extracting(n9 -> text(n9, "N901") + " " + text(n9, "N902") + text(n9, "N903"))
                .containsExactly("RZ " + rma, "ZZ store 12");
        List<JsonNode> lines = EdiKit.all(json, "BLI");
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(List.of(text(line, "BLI01"), text(line, "BLI02"), text(line, "BLI03"), text(line, "BLI04")))
                .containsExactly("VP", "DRILL-18V", "2", "EA");
        assertThat(text(EdiKit.all(line, "N9").get(0), "N902")).isEqualTo("1");
        assertThat(text(EdiKit.all(line, "PID").get(0), "PID05")).isEqualTo("arrived damaged");
        assertThat(out.find("180", d -> rma.equals(text(d.json().path("BGN"), "BGN02"))))
                .as("one 180 per authorised return")
                .hasSize(1);
    }

    /**
     * A return of a partner's order, authorised and received, posts a credit memo; the partner gets an 812 with the
     * memo's number, total and lines (reason 72, authorised return), against the order's invoice and PO.
     */
    @Test
    void aReceivedReturnGetsAn812MatchingItsCreditMemo() {
        String poNumber = po("E2E-CM");
        String id = closedOrder(poNumber, 3);
        String rma = authorisedReturn(id, 2);
        var received = hub.post(
                "/api/return-orders/" + rma + "/receipts", EdiKit.OPERATOR, """
                {"receiptId": "%s", "lines": [{"lineId": "1", "quantity": 2, "condition": "RESTOCKABLE"}]}""".formatted("RCV-" + UUID.randomUUID()));
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        JsonNode order = order(hub, id);
        assertThat(order.path("creditMemos")).hasSize(1);
        JsonNode memo = order.path("creditMemos").path(0);
        String number = memo.path("number").asString();

        Doc adjustment = out.awaitOne(
                "812", "812 for " + number, d -> number.equals(text(d.json().path("BCD"), "BCD02")));
        OutboundChecks.envelope(adjustment, SFTP_TEST, "CD", "812");
        JsonNode json = adjustment.json();
        JsonNode bcd = json.path("BCD");
        assertThat(List.of(
                        text(bcd, "BCD03"),
                        text(bcd, "BCD04"),
                        text(bcd, "BCD05"),
                        text(bcd, "BCD07"),
                        text(bcd, "BCD09"),
                        text(bcd, "BCD10")))
                .containsExactly(
                        "I",
                        cents(memo.path("total")),
                        "C",
                        order.path("invoices").path(0).path("number").asString(),
                        PO_DATE,
                        poNumber);
        assertThat(text(json.path("CUR"), "CUR02")).isEqualTo("USD");
        List<JsonNode> lines = EdiKit.all(json, "CDD");
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(List.of(
                        text(line, "CDD01"),
                        text(line, "CDD02"),
                        text(line, "CDD03"),
                        text(line, "CDD04"),
                        text(line, "CDD07"),
                        text(line, "CDD08")))
                .containsExactly(
                        "72", "C", "1", cents(memo.path("lines").path(0).path("total")), "2", "EA");
        assertThat(new BigDecimal(text(line, "CDD11")))
                .isEqualByComparingTo(
                        order.path("lines").path(0).path("unitPrice").asString());
        JsonNode item = EdiKit.all(line, "LIN").get(0);
        assertThat(List.of(text(item, "LIN01"), text(item, "LIN02"), text(item, "LIN03")))
                .containsExactly("1", "VP", "DRILL-18V");
        assertThat(memo.path("total").asString())
                .as("the memo credits the line in full: nothing else to give back")
                .isEqualTo(memo.path("lines").path(0).path("total").asString());
        assertThat(out.find("812", d -> number.equals(text(d.json().path("BCD"), "BCD02"))))
                .as("one 812 per credit memo")
                .hasSize(1);
    }

    /** An authorised return cancelled before anything came back is withdrawn by a 180 that cancels it (BGN01 01). */
    @Test
    void aCancelledAuthorisedReturnGetsA180CancellingIt() {
        String id = closedOrder(po("E2E-RMAX"), 2);
        String rma = authorisedReturn(id, 1);
        out.awaitOne("180", "180 for " + rma, d -> rma.equals(text(d.json().path("BGN"), "BGN02")));

        var cancelled = hub.post("/api/return-orders/" + rma + "/cancel", EdiKit.OPERATOR, "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        List<Doc> notices = out.awaitDocs(
                "180", "two 180s for " + rma, 2, d -> rma.equals(text(d.json().path("BGN"), "BGN02")));
        assertThat(notices).extracting(d -> text(d.json().path("BGN"), "BGN01")).containsExactlyInAnyOrder("00", "01");
        Doc cancellation = notices.stream()
                .filter(d -> "01".equals(text(d.json().path("BGN"), "BGN01")))
                .findFirst()
                .orElseThrow();
        OutboundChecks.envelope(cancellation, SFTP_TEST, "AN", "180");
        assertThat(text(EdiKit.all(cancellation.json(), "BLI").get(0), "BLI03")).isEqualTo("1");
    }

    /** A one-line partner PO of {@code units} DRILL-18V, shipped and invoiced by the sandbox ERP; its order id. */
    private String closedOrder(String poNumber, int units) {
        String isa = isa13();
        drop(
                in,
                "po-" + isa + ".edi",
                interchange("SFTPPARTNER", "00501", isa)
                        .group(groupControl(), "005010", po850("0001", smallPo(poNumber, "DRILL-18V", units)))
                        .in(X12Sample.TILDE_LINES));
        String id = awaitOrder(hub, CHANNEL, poNumber);
        awaitStatus(hub, id, "CLOSED");
        return id;
    }

    /** Opens and authorises a return of {@code units} of line 1; its RMA number. */
    private String authorisedReturn(String orderId, int units) {
        var requested = hub.post(
                "/api/orders/" + orderId + "/returns",
                EdiKit.OPERATOR,
                "{\"lines\": [{\"lineId\": \"1\", \"quantity\": " + units + ", \"reason\": \"unwanted\"}]}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String rma = HubOrders.json(requested, 201).path("number").asString();
        var authorized = hub.post("/api/return-orders/" + rma + "/authorize", EdiKit.OPERATOR, "");
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
        return rma;
    }

    private static String cents(JsonNode amount) {
        return new BigDecimal(amount.asString())
                .movePointRight(2)
                .toBigIntegerExact()
                .toString();
    }

    @Test
    void anOrderTheOperatorRejectsGetsAn855RejectingEveryLine() {
        String poNumber = po("E2E-REJ");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850(
                "0001",
                List.of(
                        "BEG*00*SA*" + poNumber + "**20261102",
                        "N1*ST*Big Buyer DC",
                        "N3*1 Large Rd",
                        "N4*Austin*TX*78701",
                        "PO1*10*9000*EA*129.00**VP*DRILL-18V",
                        "PO1*20*5*EA*24.50**VP*GLOVES-L",
                        "CTT*2"));

        drop(
                in,
                "reject-" + isa + ".edi",
                interchange("SFTPPARTNER", "00501", isa)
                        .group(group, "005010", set)
                        .in(X12Sample.TILDE_LINES));

        String id = awaitOrder(hub, CHANNEL, poNumber);
        awaitStatus(hub, id, "WAITING_APPROVAL");
        var response = hub.post("/api/orders/" + id + "/reject", EdiKit.OPERATOR, "{\"reason\": \"over the limit\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode rejected = awaitStatus(hub, id, "REJECTED");

        Doc ack = out.awaitOne(
                "855",
                "855 RJ for PO " + poNumber,
                d -> poNumber.equals(text(d.json().path("BAK"), "BAK03"))
                        && "RJ".equals(text(d.json().path("BAK"), "BAK02")));
        OutboundChecks.envelope(ack, SFTP_TEST, "PR", "855");
        JsonNode json = ack.json();
        assertThat(text(json.path("BAK"), "BAK04")).isEqualTo(PO_DATE);
        List<JsonNode> po1s = EdiKit.all(json, "PO1");
        assertThat(po1s).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode line = rejected.path("lines").path(i);
            JsonNode po1 = po1s.get(i);
            assertThat(text(po1, "PO101")).isEqualTo(line.path("lineId").asString());
            assertThat(text(po1, "PO102"))
                    .as("PO102 as ordered")
                    .isEqualTo(line.path("quantity").asString());
            JsonNode lineAck = EdiKit.all(po1, "ACK").get(0);
            assertThat(List.of(text(lineAck, "ACK01"), text(lineAck, "ACK02"), text(lineAck, "ACK03")))
                    .as("ACK: item rejected, none of it")
                    .containsExactly("IR", "0", "EA");
            assertThat(EdiKit.idPairs(lineAck))
                    .containsExactly("VP", line.path("sku").asString());
        }
        assertThat(List.of(text(json.path("CTT"), "CTT01"), text(json.path("CTT"), "CTT02")))
                .containsExactly("2", "9005");
    }

    /**
     * Nothing is acknowledged to a source before the order or its process exception
     * is stored. The 997 tells the partner that its POs are accepted (AK5*A), so it must not be written before they
     * are orders (or, for a rejected set, a process exception): the 997 file's last write comes after every one of
     * them was created.
     */
    @Test
    void aGroupIsAcknowledgedOnlyAfterItsOrdersAndProcessExceptionsAreStored() throws Exception {
        List<String> pos = List.of(po("E2E-ORD1"), po("E2E-ORD2"), po("E2E-ORD3"));
        String isa = isa13();
        String group = groupControl();
        List<String> missingBeg = smallPo("NONE", "GLOVES-L", 1).subList(1, 6);
        X12Sample sample = interchange("SFTPPARTNER", "00501", isa)
                .group(
                        group,
                        "005010",
                        po850("0001", smallPo(pos.get(0), "GLOVES-L", 1)),
                        po850("0002", missingBeg),
                        po850("0003", smallPo(pos.get(1), "GLOVES-L", 1)),
                        po850("0004", smallPo(pos.get(2), "GLOVES-L", 1)));
        String file = "order-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, sample.in(X12Sample.TILDE_LINES));

        Doc ack = out.await997(group);
        Instant acknowledged = Files.getLastModifiedTime(ack.file()).toInstant();
        OutboundChecks.ak1Ak9(ack, SFTP_TEST, group, "005010", "P", 4, 4, 3);
        for (String po : pos) {
            Instant created = Instant.parse(
                    order(hub, awaitOrder(hub, CHANNEL, po)).path("createdAt").asString());
            assertThat(created)
                    .as("order %s stored before the 997 that accepts it was written", po)
                    .isBefore(acknowledged);
        }
        JsonNode exception = EdiKit.awaitEdiException(hub, start, isa);
        assertThat(Instant.parse(exception.path("createdAt").asString()))
                .as("process exception of the rejected set stored before the 997 that rejects it")
                .isBefore(acknowledged);
        awaitMoved(in, file, ".done");
    }

    /** 855, then an 856 per shipment and an 810 per invoice of a CLOSED order, each checked field by field. */
    private void documentsOf(JsonNode order) {
        String po = order.path("externalOrderId").asString();
        OutboundChecks.acceptance855(out.await855(po), SFTP_TEST, order, PO_DATE);
        assertThat(out.all855(po)).as("one 855 per order").hasSize(1);

        List<JsonNode> invoices = list(order.path("invoices"));
        assertThat(invoices).as("invoices of %s", po).isNotEmpty();
        List<Doc> bills = out.await810s(po, invoices.size());
        for (JsonNode invoice : invoices) {
            String number = invoice.path("number").asString();
            Doc bill = bills.stream()
                    .filter(d -> number.equals(text(d.json().path("BIG"), "BIG02")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no 810 for invoice " + number + " in " + bills));
            OutboundChecks.invoice810(bill, SFTP_TEST, order, invoice, PO_DATE);
        }
        List<JsonNode[]> shipments = new ArrayList<>();
        for (JsonNode fo : order.path("fulfillmentOrders")) {
            for (JsonNode shipment : fo.path("shipments")) {
                shipments.add(new JsonNode[] {fo, shipment});
            }
        }
        assertThat(shipments).as("shipments of %s", po).isNotEmpty();
        List<Doc> notices = out.await856s(po, shipments.size());
        for (JsonNode[] shipment : shipments) {
            String shipmentId = shipment[1].path("id").asString();
            Doc notice = notices.stream()
                    .filter(d -> shipmentId.equals(text(d.json().path("BSN"), "BSN02")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no 856 for shipment " + shipmentId + " in " + notices));
            OutboundChecks.shipNotice856(notice, SFTP_TEST, order, shipment[0], shipment[1], PO_DATE);
        }
    }

    private static void checkFullOrder(JsonNode order, String file, String isa, String group) {
        assertThat(order.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(order.path("poNumber").asString())
                .isEqualTo(order.path("externalOrderId").asString());
        assertThat(order.path("source").path("kind").asString()).isEqualTo("edi");
        assertThat(order.path("source").path("position").asString())
                .isEqualTo(CHANNEL + "/" + file + " interchange " + isa + " group " + group + " set 0001");
        assertThat(order.path("orderedAt").asString()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(order.path("currency").asString()).isEqualTo("USD");
        assertThat(order.path("account").path("accountId").asString())
                .as("partner default")
                .isEqualTo("DEMOPARTNER");
        assertThat(order.path("payment").path("method").asString()).isEqualTo("PURCHASE_ORDER");
        assertThat(order.path("payment").path("terms").asString()).as("ITD").isEqualTo("2/10 NET30");
        assertThat(order.path("buyer").path("name").asString()).isEqualTo("Riley Chen");
        assertThat(order.path("buyer").path("email").asString()).isEqualTo("riley@acme.example");
        JsonNode shipTo = order.path("deliveryGroups").path(0).path("shipTo");
        assertThat(List.of(
                        shipTo.path("name").asString(),
                        shipTo.path("line1").asString(),
                        shipTo.path("city").asString(),
                        shipTo.path("region").asString(),
                        shipTo.path("postalCode").asString(),
                        shipTo.path("country").asString()))
                .as("ship-to with its own address; country inferred from the state")
                .containsExactly("Acme West DC", "9 Dock Rd", "Oakland", "CA", "94607", "US");
        assertThat(order.path("deliveryGroups")
                        .path(0)
                        .path("desiredDeliveryDate")
                        .asString())
                .isEqualTo("2026-11-10");
        JsonNode lines = order.path("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.path(0).path("lineId").asString()).isEqualTo("1");
        assertThat(lines.path(0).path("sku").asString()).isEqualTo("DRILL-18V");
        assertThat(lines.path(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(new BigDecimal(lines.path(0).path("unitPrice").asString())).isEqualByComparingTo("129.00");
        assertThat(lines.path(0).path("productIds").path("UP").asString()).isEqualTo("012345678905");
        assertThat(lines.path(0).path("description").asString()).isEqualTo("Cordless drill 18V");
        assertThat(lines.path(1).path("lineId").asString()).isEqualTo("2");
        assertThat(lines.path(1).path("sku").asString()).isEqualTo("BIT-SET-50");
        assertThat(lines.path(1).path("quantity").asInt()).isEqualTo(3);
        assertThat(new BigDecimal(lines.path(1).path("unitPrice").asString())).isEqualByComparingTo("24.50");
        assertThat(order.path("charges")).as("freight SAC at header level").hasSize(1);
        assertThat(order.path("charges").path(0).path("type").asString()).isEqualTo("DELIVERY");
        assertThat(new BigDecimal(order.path("charges").path(0).path("amount").asString()))
                .isEqualByComparingTo("15.00");
    }

    /** PO1 without line numbers (numbered by position), prices in CTP, ship-to by store code 0791. */
    private static void checkTerseOrder(JsonNode order) {
        JsonNode shipTo = order.path("deliveryGroups").path(0).path("shipTo");
        assertThat(Map.of(
                        "name",
                        shipTo.path("name").asString(),
                        "line1",
                        shipTo.path("line1").asString(),
                        "city",
                        shipTo.path("city").asString(),
                        "region",
                        shipTo.path("region").asString(),
                        "postalCode",
                        shipTo.path("postalCode").asString(),
                        "country",
                        shipTo.path("country").asString()))
                .as("ship-to from the partner's address book entry 0791")
                .isEqualTo(Map.of(
                        "name",
                        "Test Store 0791",
                        "line1",
                        "791 Market St",
                        "city",
                        "San Francisco",
                        "region",
                        "CA",
                        "postalCode",
                        "94103",
                        "country",
                        "US"));
        JsonNode lines = order.path("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.path(0).path("lineId").asString())
                .as("numbered by position")
                .isEqualTo("1");
        assertThat(lines.path(1).path("lineId").asString())
                .as("numbered by position")
                .isEqualTo("2");
        assertThat(lines.path(0).path("sku").asString()).isEqualTo("GLOVES-L");
        assertThat(new BigDecimal(lines.path(0).path("unitPrice").asString()))
                .as("CTP price")
                .isEqualByComparingTo("19.99");
        assertThat(lines.path(1).path("sku").asString())
                .as("VP preferred over BP")
                .isEqualTo("BIT-SET-50");
        assertThat(lines.path(1).path("productIds").path("BP").asString()).isEqualTo("B-BIT-SET-50");
        assertThat(new BigDecimal(lines.path(1).path("unitPrice").asString()))
                .as("CTP price")
                .isEqualByComparingTo("7.25");
        assertThat(lines.path(1).path("quantity").asInt()).isEqualTo(1);
    }
}
