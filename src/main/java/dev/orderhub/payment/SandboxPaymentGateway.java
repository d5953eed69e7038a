package dev.orderhub.payment;

import dev.orderhub.exception.TransientFailure;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox gateway (connectors/payment/sandbox.yaml), in-process: {@code tok_visa} and {@code tok_mastercard}
 * authorise; {@code tok_chargeDeclined} declines for good; {@code tok_timeout} times out on the first two attempts
 * for an order and then authorises; {@code tok_timeout_always} never answers. Captures always succeed.
 */
class SandboxPaymentGateway implements PaymentGateway {
    private final Map<String, AtomicInteger> timeoutAttempts = new ConcurrentHashMap<>();

    @Override
    public String authorize(String orderId, String token, BigDecimal amount, String currency) {
        switch (token) {
            case "tok_visa", "tok_mastercard" -> {
                return "auth_" + UUID.randomUUID();
            }
            case "tok_chargeDeclined" -> throw new PaymentDeclinedException("card declined (sandbox token tok_chargeDeclined)");
            case "tok_timeout" -> {
                if (timeoutAttempts.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet() <= 2) {
                    throw new TransientFailure("payment gateway timed out (sandbox token tok_timeout)");
                }
                return "auth_" + UUID.randomUUID();
            }
            case "tok_timeout_always" -> throw new TransientFailure("payment gateway timed out (sandbox token tok_timeout_always)");
            default -> throw new PaymentDeclinedException("unknown card token " + token);
        }
    }

    @Override
    public String capture(String orderId, String authorization, BigDecimal amount, String currency) {
        return "cap_" + UUID.randomUUID();
    }
}
