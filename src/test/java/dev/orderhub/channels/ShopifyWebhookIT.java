package dev.orderhub.channels;

import static dev.orderhub.channels.ChannelKit.ADMIN;
import static dev.orderhub.channels.ChannelKit.INGEST;
import static dev.orderhub.channels.ChannelKit.JSON;
import static dev.orderhub.channels.ChannelKit.WAIT;
import static dev.orderhub.channels.ChannelKit.createdDetail;
import static dev.orderhub.channels.ChannelKit.fixture;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static dev.orderhub.support.ShopifyWebhooks.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Shopify orders/create webhooks on POST /api/channels/shopify/orders, signed the way Shopify
 * signs them: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body under the app's secret. The signature
 * is the webhook's authentication: no API key is needed, and none helps without it.
 */
@HubTest
class ShopifyWebhookIT {
    private static final String PATH = "/api/channels/shopify/orders";

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
    }

    @Test
    void aSignedWebhookIsMappedWithShopifysTaxGrossPricesAndPrepaidReference() {
        String shopifyId = shopifyId();
        byte[] body = webhook(shopifyId);
        String webhookId = UUID.randomUUID().toString();

        JsonNode accepted = json(post(body, sign(body, HubTestContext.SHOPIFY_SECRET), webhookId, null), 202);
        String id = accepted.path("id").asString();
        assertThat(id).isNotBlank();

        JsonNode order = order(hub, id);
        assertThat(order.path("channel").asString()).isEqualTo("shopify");
        assertThat(order.path("externalOrderId").asString()).isEqualTo(shopifyId);
        assertThat(order.path("currency").asString()).isEqualTo("CAD");
        assertThat(order.path("taxMode").asString()).as("taxes_included: true").isEqualTo("GROSS");
        assertThat(order.path("payment").path("method").asString()).isEqualTo("PREPAID");
        assertThat(order.path("payment").path("reference").asString()).isEqualTo("shopify:" + shopifyId);
        assertThat(order.path("payment").path("amount").asString()).isEqualTo("73.70");
        assertThat(order.path("buyer").path("email").asString()).isEqualTo("camille.tremblay@example.ca");
        assertThat(order.path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("city")
                        .asString())
                .isEqualTo("Montréal");
        assertThat(order.path("lines")).hasSize(2);
        JsonNode mug = order.path("lines").path(0);
        assertThat(mug.path("sku").asString()).isEqualTo("MUG-BLU-12");
        assertThat(mug.path("unitPrice").asString()).isEqualTo("24.00");
        assertThat(mug.path("adjustments").path(0).path("type").asString()).isEqualTo("DISCOUNT");
        assertThat(mug.path("adjustments").path(0).path("amount").asString()).isEqualTo("-4.80");
        assertThat(mug.path("adjustments").path(0).path("reason").asString()).isEqualTo("BIENVENUE10");
        assertThat(order.path("charges").path(0).path("type").asString()).isEqualTo("DELIVERY");
        assertThat(order.path("charges").path(0).path("amount").asString()).isEqualTo("12.00");
        assertShopifysTaxLines(order);
        // gross: the grand total is what Shopify charged, tax included, not tax on top
        assertThat(order.path("totals").path("tax").asString()).isEqualTo("9.60");
        assertThat(order.path("totals").path("grandTotal").asString()).isEqualTo("73.70");

        // provenance: the webhook id, on the order and in its history
        assertThat(order.path("source").path("kind").asString()).isEqualTo("webhook");
        assertThat(order.path("source").path("position").asString()).isEqualTo("shopify webhook " + webhookId);
        assertThat(createdDetail(hub, id)).isEqualTo("from webhook shopify webhook " + webhookId);

        // the tax lines Shopify charged are kept through acceptance (README, Lifecycle: accept): not recomputed
        JsonNode accepted2 = await("order accepted")
                .atMost(WAIT)
                .until(
                        () -> order(hub, id),
                        o -> !"RECEIVED".equals(o.path("status").asString()));
        assertThat(accepted2.path("status").asString()).isNotIn("REJECTED", "ON_HOLD");
        assertShopifysTaxLines(accepted2);
        assertThat(accepted2.path("totals").path("tax").asString()).isEqualTo("9.60");
        assertThat(accepted2.path("totals").path("grandTotal").asString()).isEqualTo("73.70");
    }

    @Test
    void untaxedShippingStaysUntaxedAndTheGrandTotalIsWhatShopifyCharged() {
        String shopifyId = shopifyId();
        byte[] body = fixture("shopify-orders-create-untaxed-shipping.json", Map.of("SHOPIFY_ID", shopifyId))
                .getBytes(StandardCharsets.UTF_8);

        String id = json(
                        post(
                                body,
                                sign(body, HubTestContext.SHOPIFY_SECRET),
                                UUID.randomUUID().toString(),
                                null),
                        202)
                .path("id")
                .asString();

        // NY taxes shipping, but Shopify charged none on it (tax_lines: []): the hub adds none of its own
        JsonNode approved = await("funds ensured")
                .atMost(WAIT)
                .until(
                        () -> order(hub, id),
                        o -> !List.of("RECEIVED", "ACCEPTED")
                                .contains(o.path("status").asString()));
        assertThat(approved.path("status").asString()).isNotIn("REJECTED", "ON_HOLD");
        assertThat(taxes(approved.path("charges").path(0).path("taxLines"))).containsExactly(" 0 0.00");
        assertThat(taxes(approved.path("lines").path(0).path("taxLines")))
                .containsExactly("New York State Tax 0.04 1.60", "New York City Tax 0.045 1.80");
        assertThat(approved.path("totals").path("tax").asString()).isEqualTo("3.40");
        assertThat(approved.path("totals").path("grandTotal").asString())
                .as("Shopify's total_price")
                .isEqualTo("53.35");
        assertThat(approved.path("payment").path("authorized").asString()).isEqualTo("53.35");
        assertThat(approved.path("activeProcessExceptions").size()).isZero();
    }

    @Test
    void aRetriedWebhookAnswers200WithTheSameOrder() {
        String shopifyId = shopifyId();
        byte[] body = webhook(shopifyId);
        String signature = sign(body, HubTestContext.SHOPIFY_SECRET);
        String webhookId = UUID.randomUUID().toString();

        String first =
                json(post(body, signature, webhookId, null), 202).path("id").asString();
        JsonNode again = json(post(body, signature, webhookId, null), 200);

        assertThat(again.path("id").asString()).isEqualTo(first);
        assertThat(orderCount(hub, "shopify", shopifyId)).isEqualTo(1);
    }

    @Test
    void aBadSignatureIs401AndNothingIsStored() {
        String shopifyId = shopifyId();
        byte[] body = webhook(shopifyId);

        // signed with another secret
        assertUnauthorized(
                post(body, sign(body, "not-the-secret"), UUID.randomUUID().toString(), null));
        // the right secret, but over another body (the total changed on the way)
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("\"total_price\": \"73.70\"", "\"total_price\": \"0.01\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);
        assertUnauthorized(post(
                tampered,
                sign(body, HubTestContext.SHOPIFY_SECRET),
                UUID.randomUUID().toString(),
                null));
        // not base64 at all
        assertUnauthorized(post(body, "%%%not-base64%%%", UUID.randomUUID().toString(), null));

        assertThat(orderCount(hub, "shopify", shopifyId)).isZero();
    }

    @Test
    void aMissingSignatureIs401AndNothingIsStored() {
        String shopifyId = shopifyId();
        byte[] body = webhook(shopifyId);

        assertUnauthorized(post(body, null, UUID.randomUUID().toString(), null));
        assertUnauthorized(post(body, "", UUID.randomUUID().toString(), null));

        assertThat(orderCount(hub, "shopify", shopifyId)).isZero();
    }

    @Test
    void anApiKeyWithoutTheSignatureIs401() {
        String shopifyId = shopifyId();
        byte[] body = webhook(shopifyId);

        // the signature is the webhook's only authentication, whatever else the request carries: an admin key,
        // an ingest key, with or without a bad signature
        assertUnauthorized(post(body, null, UUID.randomUUID().toString(), ADMIN));
        assertUnauthorized(post(body, null, UUID.randomUUID().toString(), INGEST));
        assertUnauthorized(
                post(body, sign(body, "not-the-secret"), UUID.randomUUID().toString(), ADMIN));

        assertThat(orderCount(hub, "shopify", shopifyId)).isZero();
    }

    @Test
    void aPathThatOnlyLooksLikeTheWebhookDoesNotSkipTheApiKey() {
        // the API key filter lets /api/channels/shopify/... through unauthenticated; a path that merely starts so
        // must not reach another endpoint without a key
        String xml = fixture(
                "sfcc-two-orders.xml",
                Map.of(
                        "ORDER_1",
                        ChannelKit.unique("SFCC-PATH"),
                        "ORDER_2",
                        ChannelKit.unique("SFCC-PATH"),
                        "ORDER_2_QTY",
                        "1.0"));
        for (String path : List.of(
                "/api/channels/shopify/../sfcc/orders",
                "/api/channels/shopify/%2e%2e/sfcc/orders",
                "/api/channels/shopify/..;/sfcc/orders")) {
            HttpResponse<String> response = hub.post(
                    path,
                    HttpRequest.newBuilder()
                            .header("Content-Type", "application/xml")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(xml)));
            assertThat(response.statusCode())
                    .as("POST %s without a key; body %s", path, response.body())
                    .isNotIn(200, 202);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** A Shopify order id no other test uses (Shopify's are 13 digits). */
    private static String shopifyId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L));
    }

    /** Shopify's orders/create payload (mappings/shopify-order example) for an order id, as the bytes sent. */
    private static byte[] webhook(String shopifyId) {
        return fixture("shopify-orders-create.json", Map.of("SHOPIFY_ID", shopifyId))
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(byte[] body, String signature, String webhookId, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", "atelier-nord.myshopify.com")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Shopify-Hmac-Sha256", signature);
        }
        if (webhookId != null) {
            request.header("X-Shopify-Webhook-Id", webhookId);
        }
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return hub.post(PATH, request);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(401);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
    }

    /** The GST and QST Shopify charged on each line and on shipping, kept as charged (mapping example). */
    private static void assertShopifysTaxLines(JsonNode order) {
        assertThat(taxes(order.path("lines").path(0).path("taxLines")))
                .containsExactly("GST 0.05 1.88", "QST 0.09975 3.75");
        assertThat(taxes(order.path("lines").path(1).path("taxLines")))
                .containsExactly("GST 0.05 0.80", "QST 0.09975 1.61");
        assertThat(taxes(order.path("charges").path(0).path("taxLines")))
                .containsExactly("GST 0.05 0.52", "QST 0.09975 1.04");
    }

    private static List<String> taxes(JsonNode taxLines) {
        List<String> described = new ArrayList<>();
        taxLines.forEach(t -> described.add(t.path("jurisdiction").asString() + " "
                + new BigDecimal(t.path("rate").asString()).stripTrailingZeros().toPlainString() + " "
                + t.path("amount").asString()));
        return described;
    }
}
