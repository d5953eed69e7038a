package dev.orderhub.api;

import dev.orderhub.intake.MappedIntake;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.mapping.ShopifySignature;
import dev.orderhub.mapping.XmlTree;
import dev.orderhub.order.FieldError;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.PersonalData;
import dev.orderhub.order.Source;
import dev.orderhub.store.Intake;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channels' native payloads over REST: Shopify webhooks (authenticated by their HMAC signature), SFCC order
 * exports (XML, many orders a document), and any JSON format that has a mapping {@code mappings/<channel>-order}.
 */
@RestController
class ChannelsController {
    private final MappedIntake intake;
    private final JsonMapper json;
    private final String shopifySecret;

    ChannelsController(
            MappedIntake intake, JsonMapper json, @Value("${orderhub.channels.shopify.secret:}") String shopifySecret) {
        this.intake = intake;
        this.json = json;
        this.shopifySecret = shopifySecret;
    }

    /**
     * 202 for a new order, 200 for a retried webhook; 401 for a bad or missing signature, nothing stored. With no
     * secret configured or no signature sent the body is not read at all; a signed one is read within
     * {@code orderhub.http.max-body-size}.
     */
    @PostMapping(path = "/api/channels/shopify/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "202", description = "A new order, received: its id", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "A retried webhook: the same id, nothing stored twice",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, String>> shopify(
            InputStream request,
            @RequestHeader(name = ShopifySignature.HEADER, required = false) String signature,
            @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId)
            throws IOException {
        if (shopifySecret.isBlank()) {
            throw new WebhookSignatureException("no Shopify secret is configured (orderhub.channels.shopify.secret)");
        }
        if (signature == null || signature.isBlank()) {
            throw new WebhookSignatureException("the X-Shopify-Hmac-Sha256 signature is missing");
        }
        byte[] body = request.readAllBytes();
        if (!ShopifySignature.verify(body, signature, shopifySecret)) {
            throw new WebhookSignatureException("the X-Shopify-Hmac-Sha256 signature does not match the body");
        }
        Object payload = parse(body);
        Intake result = intake.submit(
                "shopify-order",
                payload,
                Map.of(),
                "shopify webhook " + webhookId,
                Source.of("webhook", "shopify webhook " + (webhookId == null ? "(no id)" : webhookId)));
        return answer(result);
    }

    /**
     * A whole SFCC order export: every order is checked first; one bad order refuses the document (400), one of a
     * channel the key is not for refuses it too (403).
     */
    @PostMapping(
            path = "/api/channels/sfcc/orders",
            consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    @ApiResponse(
            responseCode = "202",
            description = "At least one order of the document is new: each order's id",
            useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "Every order of the document was received before: their ids",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, Object>> sfcc(@RequestBody byte[] body, @AuthenticationPrincipal ApiKeyPrincipal key) {
        List<Order> orders = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int[] index = {0};
        XmlTree.orders(new ByteArrayInputStream(body), tree -> {
            int i = index[0]++;
            try {
                orders.add(intake.map("sfcc-order", tree, Map.of(), "sfcc document order " + (i + 1)));
            } catch (OrderValidationException invalid) {
                invalid.errors()
                        .forEach(e -> errors.add(new FieldError("orders[" + i + "]." + e.field(), e.message())));
            } catch (MappingException unmappable) {
                errors.add(new FieldError("orders[" + i + "]", unmappable.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw new OrderValidationException(errors);
        }
        if (orders.isEmpty()) {
            throw new OrderValidationException(List.of(new FieldError("$", "the document has no <order>")));
        }
        orders.forEach(key::checkChannel);
        List<Map<String, String>> results = new ArrayList<>();
        boolean anyCreated = false;
        for (int i = 0; i < orders.size(); i++) {
            Intake result =
                    intake.submit(orders.get(i), Source.of("rest", "POST /api/channels/sfcc/orders order " + (i + 1)));
            anyCreated |= result.created();
            results.add(Map.of(
                    "externalOrderId",
                    orders.get(i).externalOrderId(),
                    "id",
                    result.id(),
                    "status",
                    result.status().name()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orders", results);
        return ResponseEntity.status(anyCreated ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(answer);
    }

    /**
     * Any channel with a JSON mapping named {@code <channel>-order}: add the mapping, no Java. The mapping decides
     * the payment method; the key must be for the mapped order's channel.
     */
    @PostMapping(path = "/api/channels/{channel}/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "202", description = "A new order, received: its id", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "An order this channel sent before: the same id, nothing stored twice",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, String>> mapped(
            @PathVariable String channel, @RequestBody byte[] body, @AuthenticationPrincipal ApiKeyPrincipal key) {
        if (!channel.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("invalid channel name " + channel);
        }
        Order order = intake.map(channel + "-order", parse(body), Map.of(), channel + " order");
        key.checkChannel(order);
        Intake result = intake.submit(order, Source.of("rest", "POST /api/channels/" + channel + "/orders"));
        return answer(result);
    }

    /** A webhook whose signature does not verify: 401, nothing stored. */
    static class WebhookSignatureException extends RuntimeException {
        WebhookSignatureException(String message) {
            super(message);
        }
    }

    private Object parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException malformed) {
            throw new OrderValidationException(List.of(
                    new FieldError("$", "malformed JSON: " + PersonalData.scrub(malformed.getOriginalMessage()))));
        }
    }

    private static ResponseEntity<Map<String, String>> answer(Intake result) {
        return ResponseEntity.status(result.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Map.of("id", result.id(), "status", result.status().name()));
    }
}
