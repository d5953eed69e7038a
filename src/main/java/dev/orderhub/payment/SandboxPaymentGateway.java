package dev.orderhub.payment;

import dev.orderhub.exception.ConnectorRefused;
import dev.orderhub.exception.TransientFailure;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The sandbox gateway (connector type payment/sandbox), in-process, called by the sandbox's connector routes with
 * the request bodies of the payment contract: {@code tok_visa} and {@code tok_mastercard} authorise;
 * {@code tok_chargeDeclined} declines for good; {@code tok_timeout} times out on the first two attempts for an order
 * and then authorises; {@code tok_timeout_always} never answers. Captures, voids and refunds always succeed. Like a
 * real gateway it keeps a ledger by idempotency key: the same key answers the stored result, another amount is
 * refused.
 */
public class SandboxPaymentGateway {
    private final Map<String, AtomicInteger> timeoutAttempts = new ConcurrentHashMap<>();
    private final Map<String, Entry> ledger = new ConcurrentHashMap<>();

    private record Entry(String kind, BigDecimal amount, String reference) {}

    public Map<String, String> authorize(Map<String, Object> request) {
        String token = String.valueOf(request.get("token"));
        String orderId = String.valueOf(request.get("orderId"));
        return once(request, "authorize", () -> switch (token) {
            case "tok_visa", "tok_mastercard" -> "auth_" + UUID.randomUUID();
            case "tok_chargeDeclined" ->
                throw new PaymentDeclinedException("card declined (sandbox token tok_chargeDeclined)");
            case "tok_timeout" -> {
                if (timeoutAttempts
                                .computeIfAbsent(orderId, id -> new AtomicInteger())
                                .incrementAndGet()
                        <= 2) {
                    throw timedOut("tok_timeout");
                }
                yield "auth_" + UUID.randomUUID();
            }
            case "tok_timeout_always" -> throw timedOut("tok_timeout_always");
            default -> throw new PaymentDeclinedException("unknown card token " + token);
        });
    }

    /** As a real gateway's call that got no answer in time: transient, and journalled as a TIMEOUT. */
    private static TransientFailure timedOut(String token) {
        String message = "payment gateway timed out (sandbox token " + token + ")";
        return new TransientFailure(message, new TimeoutException(message));
    }

    public Map<String, String> capture(Map<String, Object> request) {
        return once(request, "capture", () -> "cap_" + UUID.randomUUID());
    }

    public Map<String, String> voidAuthorization(Map<String, Object> request) {
        return once(request, "void", () -> "void_" + UUID.randomUUID());
    }

    public Map<String, String> refund(Map<String, Object> request) {
        return once(request, "refund", () -> "re_" + UUID.randomUUID());
    }

    /** Acts once per key (a failure stores nothing); the same key again answers the stored reference. */
    private Map<String, String> once(Map<String, Object> request, String kind, Supplier<String> effect) {
        String idempotencyKey = String.valueOf(request.get("idempotencyKey"));
        BigDecimal amount = new BigDecimal(String.valueOf(request.get("amount")));
        Entry entry = ledger.computeIfAbsent(idempotencyKey, key -> new Entry(kind, amount, effect.get()));
        if (!entry.kind().equals(kind) || entry.amount().compareTo(amount) != 0) {
            throw new ConnectorRefused(
                    "idempotency key " + idempotencyKey + " was used for " + entry.kind() + " of " + entry.amount()
                            + ", refused for " + kind + " of " + amount,
                    "idempotency_key_in_use");
        }
        return Map.of("reference", entry.reference());
    }
}
