package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.INGEST;
import static dev.orderhub.channels.ChannelKit.OPERATOR;
import static dev.orderhub.channels.ChannelKit.createdDetail;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.channels.ChannelKit.unique;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The generic channel endpoint {@code POST /api/channels/{channel}/orders} (ChannelsController.mapped): a JSON
 * payload mapped with {@code mappings/<channel>-order}, no Java per channel.
 *
 * <p>Which channel names reach it with a mapping that exists: the repository ships {@code shopify-order},
 * {@code sfcc-order}, {@code csv-order} and {@code x12-850}. {@code shopify} is taken by the signed webhook endpoint
 * (a literal path wins over {@code {channel}}), {@code csv-order} needs the partner binding a REST call does not give,
 * and no channel name yields {@code x12-850}. {@code sfcc} with {@code Content-Type: application/json} does: the
 * literal SFCC endpoint consumes XML only, so a JSON body falls to the generic handler, which maps the JSON view of
 * one SFCC {@code <order>} (the tree XmlTree makes) with {@code sfcc-order}.
 */
@HubTest
class GenericChannelIT {
    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
    }

    @Test
    void aJsonPayloadIsMappedWithTheChannelsMappingAndStoredOnce() {
        String orderNo = unique("GENERIC-SFCC");
        String transaction = unique("TXN");
        String body = sfccJson(orderNo, payment("33.99", transaction));

        JsonNode accepted = json(hub.post("/api/channels/sfcc/orders", INGEST, body), 202);
        String id = accepted.path("id").asString();

        JsonNode order = order(hub, id);
        assertThat(order.path("channel").asString()).isEqualTo("sfcc");
        assertThat(order.path("externalOrderId").asString()).isEqualTo(orderNo);
        assertThat(order.path("lines").path(0).path("sku").asString()).isEqualTo("CH-GENERIC-BEANIE");
        assertThat(order.path("lines").path(0).path("quantity").asInt()).isEqualTo(1);
        assertThat(order.path("payment").path("method").asString()).isEqualTo("PREPAID");
        assertThat(order.path("payment").path("reference").asString()).isEqualTo(transaction);
        assertThat(order.path("source").path("kind").asString()).isEqualTo("rest");
        assertThat(order.path("source").path("position").asString()).isEqualTo("POST /api/channels/sfcc/orders");
        assertThat(createdDetail(hub, id)).isEqualTo("from rest POST /api/channels/sfcc/orders");

        // the same payload again: 200, the same order
        JsonNode again = json(hub.post("/api/channels/sfcc/orders", INGEST, body), 200);
        assertThat(again.path("id").asString()).isEqualTo(id);
        assertThat(orderCount(hub, "sfcc", orderNo)).isEqualTo(1);
    }

    @Test
    void anUnknownChannelIs400NamingTheMissingMapping() {
        String body = sfccJson(unique("GENERIC-UNKNOWN"), payment("33.99", unique("TXN")));

        JsonNode problem = json(hub.post("/api/channels/acme-portal/orders", INGEST, body), 400);

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).contains("unknown mapping 'acme-portal-order'");
    }

    @Test
    void aPayloadTheMappingRefusesIs400NamingTheMappingAndNothingIsStored() {
        String orderNo = unique("GENERIC-SPLIT");
        String twoPayments = "[" + payment("20.00", unique("TXN")) + ", " + payment("13.99", unique("TXN")) + "]";

        JsonNode problem = json(hub.post("/api/channels/sfcc/orders", INGEST, sfccJson(orderNo, twoPayments)), 400);

        assertThat(problem.path("detail").asString()).contains("sfcc-order").contains("split tender");
        assertThat(orderCount(hub, "sfcc", orderNo)).isZero();
    }

    @Test
    void anInvalidChannelNameIs400() {
        JsonNode problem = json(hub.post("/api/channels/Not_A_Channel/orders", INGEST, "{}"), 400);
        assertThat(problem.path("detail").asString()).contains("Not_A_Channel");
    }

    @Test
    void theGenericEndpointNeedsAnIngestKey() {
        String body = sfccJson(unique("GENERIC-AUTH"), payment("33.99", unique("TXN")));
        assertThat(hub.post("/api/channels/sfcc/orders", null, body).statusCode())
                .isEqualTo(401);
        assertThat(hub.post("/api/channels/sfcc/orders", OPERATOR, body).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theShopifyNameIsTakenByTheSignedWebhookNotTheGenericMapping() {
        // an ingest key does not make an unsigned Shopify payload acceptable through the generic route
        String shopify = fixture(
                "shopify-orders-create.json", Map.of("SHOPIFY_ID", "1" + System.nanoTime() % 1_000_000_000_000L));
        assertThat(hub.post("/api/channels/shopify/orders", INGEST, shopify).statusCode())
                .isEqualTo(401);
    }

    private static String sfccJson(String orderNo, String payment) {
        return fixture("sfcc-order-tree.json", Map.of("ORDER_NO", orderNo, "PAYMENT", payment));
    }

    private static String payment(String amount, String transaction) {
        return "{\"amount\": \"" + amount + "\", \"processor-id\": \"PAYPAL\", \"transaction-id\": \"" + transaction
                + "\"}";
    }
}
