package dev.orderhub.payment;

import dev.orderhub.connector.Connectors;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment gateway of the active payment connector: each call is a request to
 * {@code direct:connector-payment-<operation>} (README, "Connectors", for the bodies) answered by
 * {@code {"reference": …}}.
 */
class RoutedPaymentGateway implements PaymentGateway {
    private final Connectors connectors;

    RoutedPaymentGateway(Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public String authorize(String idempotencyKey, Order order, BigDecimal amount) {
        Map<String, Object> request = request(idempotencyKey, order, amount);
        request.put("token", order.payment().token());
        return ask("authorize", request);
    }

    @Override
    public String capture(String idempotencyKey, Order order, String invoiceNumber, BigDecimal amount) {
        Map<String, Object> request = request(idempotencyKey, order, amount);
        request.put("authorization", order.payment().reference());
        request.put("invoiceNumber", invoiceNumber);
        return ask("capture", request);
    }

    @Override
    public String voidAuthorization(String idempotencyKey, Order order, BigDecimal amount) {
        Map<String, Object> request = request(idempotencyKey, order, amount);
        request.put("authorization", order.payment().reference());
        return ask("void", request);
    }

    @Override
    public String refund(String idempotencyKey, Order order, String capture, BigDecimal amount) {
        Map<String, Object> request = request(idempotencyKey, order, amount);
        request.put("authorization", order.payment().reference());
        request.put("capture", capture);
        return ask("refund", request);
    }

    @Override
    public boolean inProcess() {
        return connectors.policy("payment").inProcess();
    }

    /** What every payment request carries: the key, the order, the amount (decimal and in minor units). */
    private static Map<String, Object> request(String idempotencyKey, Order order, BigDecimal amount) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("idempotencyKey", idempotencyKey);
        request.put("orderId", order.id());
        request.put("externalOrderId", order.externalOrderId());
        request.put("channel", order.channel());
        request.put("amount", amount.toPlainString());
        request.put(
                "amountMinor",
                amount.movePointRight(Money.scale(order.currency())).longValueExact());
        request.put("currency", order.currency());
        return request;
    }

    private String ask(String operation, Map<String, Object> request) {
        String reference = connectors
                .request("payment", operation, request)
                .path("reference")
                .asString("");
        if (reference.isBlank()) {
            throw new IllegalStateException("connector-payment-" + operation + " answered no reference");
        }
        return reference;
    }
}
