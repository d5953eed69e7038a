package dev.orderhub.pipeline;

import static dev.orderhub.pipeline.PipelineHub.firstLine;
import static dev.orderhub.pipeline.PipelineHub.list;
import static dev.orderhub.pipeline.PipelineHub.onlyLine;
import static dev.orderhub.pipeline.PipelineHub.readmeOrder;
import static dev.orderhub.pipeline.PipelineHub.shipTo;
import static dev.orderhub.pipeline.PipelineHub.sum;
import static dev.orderhub.pipeline.PipelineHub.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.Builder;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Allocation, routing, shipping and invoicing end to end: a split across two warehouses, partial allocation with
 * stock arriving later by an inventory file, partial shipments confirmed over the API (one of them twice), and
 * reservations as the availability endpoint shows them. New SKUs ("TEST-<uuid>") keep the stock of each test its own.
 */
@HubTest
class PipelineFulfilmentIT {
    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    @Autowired
    Pipeline pipeline;

    PipelineHub hub;

    @BeforeEach
    void hub() {
        hub = new PipelineHub(port, environment);
    }

    @Test
    void orderSplitAcrossTwoLocationsInvoicesAddUpToTheGrandTotal() {
        String sku = uniqueSku();
        hub.stock("WH-EAST", sku, 3);
        hub.stock("WH-WEST", sku, 3);
        assertThat(hub.availability(sku).path("available").asInt()).isEqualTo(6);
        ObjectNode order = readmeOrder();
        onlyLine(order, sku, 5, "33.33");
        firstLine(order).set("adjustments", PipelineHub.JSON.readTree("""
                [{"type": "DISCOUNT", "amount": "-7.77", "reason": "promo"}]"""));
        String id = hub.submit(order);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);

        // 166.65 - 7.77 = 158.88 taxed 9.93 (TX 6.25%) + 3.18 (Austin 2%); delivery 20.00 taxed 1.25 + 0.40
        JsonNode totals = closed.path("totals");
        assertThat(totals.path("products").asString()).isEqualTo("166.65");
        assertThat(totals.path("adjustments").asString()).isEqualTo("-7.77");
        assertThat(totals.path("tax").asString()).isEqualTo("14.76");
        assertThat(totals.path("grandTotal").asString()).isEqualTo("193.64");

        List<JsonNode> fulfillmentOrders = list(closed.path("fulfillmentOrders"));
        Map<String, Integer> byLocation = fulfillmentOrders.stream()
                .collect(Collectors.toMap(
                        fo -> fo.path("location").asString(),
                        fo -> fo.path("lines").get(0).path("quantity").asInt()));
        assertThat(byLocation).containsExactlyInAnyOrderEntriesOf(Map.of("WH-EAST", 3, "WH-WEST", 2));
        assertThat(fulfillmentOrders).allSatisfy(fo -> {
            assertThat(fo.path("status").asString()).isEqualTo("FULFILLED");
            assertThat(fo.path("deliveryGroupId").asString()).isEqualTo("DG1");
            assertThat(fo.path("shipments").size()).isEqualTo(1);
        });

        List<JsonNode> invoices = list(closed.path("invoices"));
        assertThat(invoices)
                .extracting(i -> i.path("lines").get(0).path("quantity").asInt())
                .containsExactlyInAnyOrder(3, 2);
        assertThat(invoices.stream().map(i -> i.path("shipmentId").asString()).distinct())
                .hasSize(2);
        assertThat(invoices.stream().filter(i -> i.path("charges").size() > 0))
                .as("the delivery charge is invoiced once")
                .hasSize(1);
        assertThat(sum(invoices, "total")).isEqualTo("193.64");
        assertThat(sum(invoices, "tax")).isEqualTo("14.76");
        assertThat(sum(invoices, "products")).isEqualTo("166.65");
        assertThat(sum(invoices, "adjustments")).isEqualTo("-7.77");

        JsonNode payment = closed.path("payment");
        assertThat(payment.path("captured").asString()).isEqualTo("193.64");
        assertThat(payment.path("balance").asString()).isEqualTo("0.00");
        List<JsonNode> captures = payment.path("transactions")
                .valueStream()
                .filter(t -> t.path("kind").asString().equals("CAPTURE"))
                .toList();
        assertThat(captures)
                .as("one capture per invoice")
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.path("outcome").asString()).isEqualTo("APPROVED"));
        assertThat(sum(captures, "amount")).isEqualTo("193.64");
        hub.assertNoProcessExceptions(id);

        JsonNode east = hub.level(sku, "WH-EAST");
        JsonNode west = hub.level(sku, "WH-WEST");
        assertThat(east.path("onHand").asInt()).isZero();
        assertThat(west.path("onHand").asInt()).isEqualTo(1);
        assertThat(east.path("reserved").asInt() + west.path("reserved").asInt())
                .isZero();
    }

    @Test
    void partialAllocationThenStockArrivesThenClosed() {
        String sku = uniqueSku();
        hub.stock("WH-EAST", sku, 2);
        ObjectNode order = readmeOrder();
        onlyLine(order, sku, 5, "10.00");
        String id = hub.submit(order);

        // 2 allocated and shipped by the sandbox ERP, 3 backordered
        JsonNode partly = hub.awaitOrder(
                id, "PARTIALLY_FULFILLED", o -> o.path("invoices").size() == 1);
        JsonNode quantities = partly.path("lines").get(0).path("quantities");
        assertThat(quantities.path("allocated").asInt()).isEqualTo(2);
        assertThat(quantities.path("fulfilled").asInt()).isEqualTo(2);
        JsonNode allocation = hub.history(id)
                .valueStream()
                .filter(e -> "ALLOCATED".equals(e.path("action").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(allocation.path("toStatus").asString()).isEqualTo("PARTIALLY_ALLOCATED");
        assertThat(allocation.path("detail").asString()).contains("line 1 x3 backordered");
        // 50.00 taxed 3.13 + 1.00, delivery 20.00 taxed 1.65: 75.78; first invoice 2 units + delivery
        assertThat(partly.path("totals").path("grandTotal").asString()).isEqualTo("75.78");
        assertThat(partly.path("invoices").get(0).path("total").asString()).isEqualTo("43.30");
        assertThat(partly.path("payment").path("captured").asString()).isEqualTo("43.30");
        assertThat(partly.path("payment").path("balance").asString()).isEqualTo("32.48");

        hub.stock("WH-WEST", sku, 3);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);
        assertThat(closed.path("lines")
                        .get(0)
                        .path("quantities")
                        .path("fulfilled")
                        .asInt())
                .isEqualTo(5);
        assertThat(list(closed.path("fulfillmentOrders")))
                .extracting(fo -> fo.path("location").asString() + " "
                        + fo.path("lines").get(0).path("quantity").asInt() + " "
                        + fo.path("status").asString())
                .containsExactly("WH-EAST 2 FULFILLED", "WH-WEST 3 FULFILLED");
        List<JsonNode> invoices = list(closed.path("invoices"));
        assertThat(invoices).extracting(i -> i.path("total").asString()).containsExactly("43.30", "32.48");
        assertThat(sum(invoices, "total")).isEqualTo("75.78");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("75.78");
        assertThat(closed.path("payment").path("balance").asString()).isEqualTo("0.00");
        assertThat(hub.statusPath(id))
                .containsSubsequence("APPROVED", "PARTIALLY_ALLOCATED", "PARTIALLY_FULFILLED", "FULFILLED", "CLOSED");
    }

    @Test
    void partialShipmentThenTheRestAndARepeatedConfirmationCountsOnce() {
        ObjectNode order = readmeOrder();
        shipTo(order).put("name", "HOLD Dock 9");
        String id = hub.submit(order);

        // the sandbox ERP leaves "HOLD " ship-tos to be confirmed by hand
        JsonNode allocated = hub.awaitOrder(
                id,
                "ALLOCATED",
                o -> o.path("fulfillmentOrders").size() == 1
                        && o.path("fulfillmentOrders")
                                .get(0)
                                .path("status")
                                .asString()
                                .equals("ALLOCATED"));
        String fo = allocated.path("fulfillmentOrders").get(0).path("id").asString();
        String first = "SHP-" + UUID.randomUUID();

        HttpResponse<String> one = hub.ship(fo, first, "1Z999AA10000000001", "1", 1);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        JsonNode partly = hub.awaitOrder(
                id, "PARTIALLY_FULFILLED", o -> o.path("invoices").size() == 1);
        assertThat(partly.path("fulfillmentOrders").get(0).path("status").asString())
                .isEqualTo("PICKPACK");
        assertThat(partly.path("lines")
                        .get(0)
                        .path("quantities")
                        .path("fulfilled")
                        .asInt())
                .isEqualTo(1);
        // 1 of 4: 129.00 - 6.45 + tax 10.11, with the delivery 20.00 + 1.65
        assertThat(partly.path("invoices").get(0).path("total").asString()).isEqualTo("154.31");
        assertThat(partly.path("payment").path("captured").asString()).isEqualTo("154.31");

        HttpResponse<String> again = hub.ship(fo, first, "1Z999AA10000000001", "1", 1);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(PipelineHub.JSON.readTree(again.body()).path("created").asBoolean())
                .isFalse();
        JsonNode unchanged = hub.order(id);
        assertThat(unchanged.path("status").asString()).isEqualTo("PARTIALLY_FULFILLED");
        assertThat(unchanged
                        .path("lines")
                        .get(0)
                        .path("quantities")
                        .path("fulfilled")
                        .asInt())
                .isEqualTo(1);
        assertThat(unchanged.path("fulfillmentOrders").get(0).path("shipments").size())
                .isEqualTo(1);
        assertThat(unchanged.path("invoices").size()).isEqualTo(1);
        assertThat(unchanged.path("payment").path("captured").asString()).isEqualTo("154.31");

        HttpResponse<String> rest = hub.ship(fo, "SHP-" + UUID.randomUUID(), "1Z999AA10000000002", "1", 3);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);
        JsonNode closedFo = closed.path("fulfillmentOrders").get(0);
        assertThat(closedFo.path("status").asString()).isEqualTo("FULFILLED");
        assertThat(list(closedFo.path("shipments")))
                .extracting(s -> s.path("trackingNumber").asString())
                .containsExactly("1Z999AA10000000001", "1Z999AA10000000002");
        assertThat(closed.path("lines")
                        .get(0)
                        .path("quantities")
                        .path("fulfilled")
                        .asInt())
                .isEqualTo(4);
        List<JsonNode> invoices = list(closed.path("invoices"));
        assertThat(invoices).extracting(i -> i.path("total").asString()).containsExactly("154.31", "397.98");
        assertThat(sum(invoices, "total")).isEqualTo("552.29");
        assertThat(sum(invoices, "tax")).isEqualTo("42.09");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("552.29");
        assertThat(closed.path("payment").path("balance").asString()).isEqualTo("0.00");
        assertThat(hub.historyActions(id).stream().filter("SHIPPED"::equals)).hasSize(2);
    }

    /** An ERP may number shipments per warehouse: the same shipment id from two warehouses is two shipments. */
    @Test
    void theSameShipmentIdFromTwoWarehousesIsTwoShipmentsAndARepeatStillCountsOnce() {
        String sku = uniqueSku();
        hub.stock("WH-EAST", sku, 2);
        hub.stock("WH-WEST", sku, 2);
        ObjectNode order = readmeOrder();
        onlyLine(order, sku, 4, "10.00");
        shipTo(order).put("name", "HOLD Dock 4");
        String id = hub.submit(order);
        JsonNode allocated =
                hub.awaitOrder(id, "ALLOCATED", o -> o.path("fulfillmentOrders").size() == 2);
        List<String> fos = list(allocated.path("fulfillmentOrders")).stream()
                .map(fo -> fo.path("id").asString())
                .toList();
        String shipmentId = "SHP-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> east = hub.ship(fos.get(0), shipmentId, "1Z999AA10000000011", "1", 2);
        HttpResponse<String> west = hub.ship(fos.get(1), shipmentId, "1Z999AA10000000012", "1", 2);
        assertThat(east.statusCode()).as(east.body()).isEqualTo(201);
        assertThat(west.statusCode()).as(west.body()).isEqualTo(201);

        JsonNode closed = hub.awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);
        assertThat(list(closed.path("fulfillmentOrders"))).allSatisfy(fo -> {
            assertThat(fo.path("status").asString()).isEqualTo("FULFILLED");
            assertThat(list(fo.path("shipments")))
                    .extracting(s -> s.path("id").asString())
                    .containsExactly(shipmentId);
        });
        assertThat(list(closed.path("invoices")))
                .extracting(i -> i.path("shipmentId").asString())
                .containsExactly(shipmentId, shipmentId);
        assertThat(closed.path("lines")
                        .get(0)
                        .path("quantities")
                        .path("fulfilled")
                        .asInt())
                .isEqualTo(4);
        assertThat(closed.path("payment").path("balance").asString()).isEqualTo("0.00");

        HttpResponse<String> again = hub.ship(fos.get(1), shipmentId, "1Z999AA10000000012", "1", 2);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(hub.order(id).path("invoices").size()).isEqualTo(2);
        assertThat(hub.historyActions(id).stream().filter("SHIPPED"::equals)).hasSize(2);
    }

    /** A recordId is the location's own: the same one at another location is another record. */
    @Test
    void theSameInventoryRecordIdAtTwoLocationsIsTwoRecordsAndARepeatChangesNothing() {
        String sku = uniqueSku();
        String recordId = "REC-" + UUID.randomUUID();

        hub.stock("WH-EAST", sku, 5, recordId);
        hub.stock("WH-WEST", sku, 7, recordId);
        hub.stock("WH-EAST", sku, 1, recordId);

        assertThat(hub.level(sku, "WH-EAST").path("onHand").asInt())
                .as("the repeat changed nothing")
                .isEqualTo(5);
        assertThat(hub.level(sku, "WH-WEST").path("onHand").asInt()).isEqualTo(7);
    }

    @Test
    void availabilityShowsTheReservationUntilTheShipmentTakesTheStock() {
        String sku = uniqueSku();
        hub.stock("WH-EAST", sku, 10);
        assertThat(hub.availability(sku).path("available").asInt()).isEqualTo(10);
        ObjectNode order = readmeOrder();
        onlyLine(order, sku, 3, "25.00");
        shipTo(order).put("name", "HOLD Receiving");
        String id = hub.submit(order);

        JsonNode allocated =
                hub.awaitOrder(id, "ALLOCATED", o -> o.path("fulfillmentOrders").size() == 1);
        JsonNode reserved = hub.availability(sku);
        assertThat(reserved.path("sku").asString()).isEqualTo(sku);
        assertThat(reserved.path("available").asInt()).isEqualTo(7);
        JsonNode before = hub.level(sku, "WH-EAST");
        assertThat(before.path("onHand").asInt()).isEqualTo(10);
        assertThat(before.path("reserved").asInt()).isEqualTo(3);
        assertThat(before.path("available").asInt()).isEqualTo(7);

        String fo = allocated.path("fulfillmentOrders").get(0).path("id").asString();
        HttpResponse<String> shipped = hub.ship(fo, "SHP-" + UUID.randomUUID(), "1Z999AA10000000003", "1", 3);
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(201);
        hub.awaitStatus(id, "CLOSED");

        JsonNode after = hub.level(sku, "WH-EAST");
        assertThat(after.path("onHand").asInt()).isEqualTo(7);
        assertThat(after.path("reserved").asInt()).isZero();
        assertThat(after.path("available").asInt()).isEqualTo(7);
        assertThat(hub.availability(sku).path("available").asInt()).isEqualTo(7);
    }

    /**
     * A SKU with no stock anywhere is backordered, not an error; driving such an order again (the sweeper does it
     * for every idle order) must leave it as it is: no new version, no new history line.
     */
    @Test
    void backorderedOrderIsLeftAsItIsWhenDrivenAgain() {
        String sku = uniqueSku();
        ObjectNode order = readmeOrder();
        onlyLine(order, sku, 5, "10.00");
        String id = hub.submit(order);

        JsonNode approved =
                hub.awaitOrder(id, "APPROVED", o -> hub.historyActions(id).contains("ALLOCATED"));
        assertThat(approved.path("lines")
                        .get(0)
                        .path("quantities")
                        .path("allocated")
                        .asInt())
                .isZero();
        assertThat(approved.path("fulfillmentOrders").size()).isZero();
        assertThat(approved.path("activeProcessExceptions").size()).isZero();
        assertThat(hub.history(id)
                        .valueStream()
                        .filter(e -> "ALLOCATED".equals(e.path("action").asString()))
                        .map(e -> e.path("detail").asString()))
                .singleElement()
                .asString()
                .contains("line 1 x5 backordered");
        long version = approved.path("version").asLong();
        int historyLines = hub.history(id).size();

        NotifyBuilder driven = new NotifyBuilder(camel)
                .fromRoute("lifecycle-pipeline")
                .filter(Builder.header("orderhubOrderId").isEqualTo(id))
                .whenDone(1)
                .create();
        pipeline.drive(id);
        assertThat(driven.matches(30, TimeUnit.SECONDS))
                .as("the pipeline ran again for %s", id)
                .isTrue();

        JsonNode after = hub.order(id);
        assertThat(after.path("status").asString()).isEqualTo("APPROVED");
        assertThat(hub.history(id).size())
                .as("history lines after driving a backordered order again")
                .isEqualTo(historyLines);
        assertThat(after.path("version").asLong())
                .as("version after driving a backordered order again")
                .isEqualTo(version);
    }
}
