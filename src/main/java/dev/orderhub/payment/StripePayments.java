package dev.orderhub.payment;

import dev.orderhub.connector.ConnectorHttp;
import dev.orderhub.exception.ConnectorRefused;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Stripe connector's routes (connector type payment/stripe) send and how they read Stripe's answers: form
 * bodies of the PaymentIntents and Refunds API built from the payment contract's request maps, and answers turned
 * into {@code {"reference": …}} or the failure they mean. A card error names Stripe's {@code decline_code} (else its
 * {@code code}).
 *
 * <p>Stripe captures an intent once. The first invoice's capture takes its amount ({@code amount_to_capture}) and
 * Stripe releases the rest of the authorisation; a later invoice of the same order finds the intent captured
 * (400 {@code payment_intent_unexpected_state}, with the intent in the error) and is charged by a new PaymentIntent
 * confirmed off-session on the intent's customer and payment method.
 */
public class StripePayments {
    /** The exchange property that holds the contract's request while the body is a form. */
    public static final String REQUEST = "stripeRequest";
    /** Set when a capture is to be charged by a new intent instead; its form is then the body. */
    public static final String CHARGE = "stripeCharge";

    private final ConnectorHttp http;
    private final JsonMapper json;

    StripePayments(ConnectorHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    /** POST /v1/payment_intents: authorise the order's amount on its card token or payment method, not captured. */
    public String authorizeForm(Map<String, Object> request) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("amount", request.get("amountMinor"));
        form.put("currency", currency(request));
        form.put("capture_method", "manual");
        form.put("confirm", "true");
        form.put("payment_method", request.get("token"));
        form.put("payment_method_types[]", "card");
        metadata(form, request);
        return encode(form);
    }

    /** POST /v1/payment_intents/{authorization}/capture: the invoice's amount. */
    public String captureForm(Map<String, Object> request) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("amount_to_capture", request.get("amountMinor"));
        form.put("metadata[invoice_number]", request.get("invoiceNumber"));
        return encode(form);
    }

    /** POST /v1/payment_intents/{authorization}/cancel: releases the authorisation. */
    public String voidForm(Map<String, Object> request) {
        return encode(Map.of("cancellation_reason", "requested_by_customer"));
    }

    /** POST /v1/refunds: part or all of a capture (a PaymentIntent). */
    public String refundForm(Map<String, Object> request) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("payment_intent", request.get("capture"));
        form.put("amount", request.get("amountMinor"));
        metadata(form, request);
        return encode(form);
    }

    /** An authorisation answer: the intent must wait for its capture (no 3-D Secure step left to the buyer). */
    public Map<String, String> authorized(Exchange exchange) {
        JsonNode intent = answer(exchange);
        String status = intent.path("status").asString("");
        if (!"requires_capture".equals(status)) {
            throw new ConnectorRefused(
                    exchange.getFromRouteId() + ": PaymentIntent "
                            + intent.path("id").asString() + " is " + status
                            + ", not requires_capture (authentication_required)",
                    "authentication_required");
        }
        return reference(intent);
    }

    /**
     * A capture answer, {@code {"reference": …}}; when an earlier invoice captured the intent already, the form of a
     * new intent charged off-session instead, with property {@link #CHARGE} set, for the route to send it.
     */
    public Object captured(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(body);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        JsonNode error = status != null && status == 400 ? parse(body).path("error") : json.missingNode();
        JsonNode intent = error.path("payment_intent");
        if ("payment_intent_unexpected_state".equals(error.path("code").asString(""))
                && "succeeded".equals(intent.path("status").asString(""))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = exchange.getProperty(REQUEST, Map.class);
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("amount", request.get("amountMinor"));
            form.put("currency", currency(request));
            form.put("confirm", "true");
            form.put("off_session", "true");
            form.put("customer", intent.path("customer").asString(null));
            form.put("payment_method", intent.path("payment_method").asString(null));
            form.put("payment_method_types[]", "card");
            metadata(form, request);
            form.put("metadata[invoice_number]", request.get("invoiceNumber"));
            exchange.setProperty(CHARGE, true);
            return encode(form);
        }
        return reference(answer(exchange));
    }

    /** Any other answer: the object's id (the intent, or the refund). */
    public Map<String, String> answered(Exchange exchange) {
        return reference(answer(exchange));
    }

    /** The answer's JSON, after turning an error status into its failure. */
    private JsonNode answer(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(body);
        JsonNode error = parse(body).path("error");
        http.check(
                exchange, "/error/message", error.hasNonNull("decline_code") ? "/error/decline_code" : "/error/code");
        return parse(body);
    }

    private JsonNode parse(String body) {
        return body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
    }

    private static Map<String, String> reference(JsonNode answer) {
        return Map.of("reference", answer.path("id").asString(""));
    }

    private static String currency(Map<String, Object> request) {
        return String.valueOf(request.get("currency")).toLowerCase(Locale.ROOT);
    }

    private static void metadata(Map<String, Object> form, Map<String, Object> request) {
        form.put("metadata[order_id]", request.get("orderId"));
        form.put("metadata[external_order_id]", request.get("externalOrderId"));
    }

    /** application/x-www-form-urlencoded, fields without a value left out. */
    static String encode(Map<String, Object> form) {
        return form.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
