package dev.orderhub.payment;

import dev.orderhub.exception.TransientFailure;
import dev.orderhub.order.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BiConsumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub's side of {@link HttpTestGateway}: every request carries the idempotency key as the {@code
 * Idempotency-Key} header and the amount in its body. A 5xx or no answer is transient, any other refusal is a
 * decline. After each answer it tells {@code answered} (order id, key), for a test that crashes the hub right then.
 */
final class HttpPaymentGateway implements PaymentGateway {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final BiConsumer<String, String> answered;

    HttpPaymentGateway(URI base, BiConsumer<String, String> answered) {
        this.base = base;
        this.answered = answered;
    }

    @Override
    public String authorize(String idempotencyKey, Order order, BigDecimal amount) {
        return post(
                "/v1/authorizations",
                idempotencyKey,
                order.id(),
                JSON.createObjectNode().put("token", order.payment().token()),
                amount,
                order.currency());
    }

    @Override
    public String capture(String idempotencyKey, Order order, String invoiceNumber, BigDecimal amount) {
        return post(
                "/v1/captures",
                idempotencyKey,
                order.id(),
                JSON.createObjectNode().put("authorization", order.payment().reference()),
                amount,
                order.currency());
    }

    @Override
    public String voidAuthorization(String idempotencyKey, Order order, BigDecimal amount) {
        return post(
                "/v1/voids",
                idempotencyKey,
                order.id(),
                JSON.createObjectNode().put("authorization", order.payment().reference()),
                amount,
                order.currency());
    }

    @Override
    public String refund(String idempotencyKey, Order order, String capture, BigDecimal amount) {
        return post(
                "/v1/refunds",
                idempotencyKey,
                order.id(),
                JSON.createObjectNode().put("capture", capture),
                amount,
                order.currency());
    }

    private String post(
            String path, String idempotencyKey, String orderId, ObjectNode body, BigDecimal amount, String currency) {
        body.put("orderId", orderId).put("amount", amount.toPlainString()).put("currency", currency);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientFailure("payment gateway did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while waiting for the payment gateway", e);
        }
        if (response.statusCode() >= 500) {
            throw new TransientFailure("payment gateway answered " + response.statusCode() + ": " + response.body());
        }
        if (response.statusCode() != 200) {
            throw new PaymentDeclinedException(
                    "payment gateway refused (" + response.statusCode() + "): " + response.body());
        }
        String reference = JSON.readTree(response.body()).path("reference").asString();
        answered.accept(orderId, idempotencyKey);
        return reference;
    }
}
