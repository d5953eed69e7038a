package dev.orderhub.payment;

import dev.orderhub.exception.TransientFailure;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The sandbox gateway (connectors/payment/sandbox.yaml), in-process: {@code tok_visa} and {@code tok_mastercard}
 * authorise; {@code tok_chargeDeclined} declines for good; {@code tok_timeout} times out on the first two attempts
 * for an order and then authorises; {@code tok_timeout_always} never answers. Captures always succeed. Like a real
 * gateway it keeps a ledger by idempotency key: the same key answers the stored result, another amount is refused.
 */
class SandboxPaymentGateway implements PaymentGateway {
    private final Map<String, AtomicInteger> timeoutAttempts = new ConcurrentHashMap<>();
    private final Map<String, Entry> ledger = new ConcurrentHashMap<>();

    private record Entry(String kind, BigDecimal amount, String reference) {}

    @Override
    public String authorize(String idempotencyKey, String orderId, String token, BigDecimal amount, String currency) {
        return once(idempotencyKey, "authorize", amount, () -> switch (token) {
            case "tok_visa", "tok_mastercard" -> "auth_" + UUID.randomUUID();
            case "tok_chargeDeclined" ->
                throw new PaymentDeclinedException("card declined (sandbox token tok_chargeDeclined)");
            case "tok_timeout" -> {
                if (timeoutAttempts
                                .computeIfAbsent(orderId, id -> new AtomicInteger())
                                .incrementAndGet()
                        <= 2) {
                    throw new TransientFailure("payment gateway timed out (sandbox token tok_timeout)");
                }
                yield "auth_" + UUID.randomUUID();
            }
            case "tok_timeout_always" ->
                throw new TransientFailure("payment gateway timed out (sandbox token tok_timeout_always)");
            default -> throw new PaymentDeclinedException("unknown card token " + token);
        });
    }

    @Override
    public String capture(
            String idempotencyKey, String orderId, String authorization, BigDecimal amount, String currency) {
        return once(idempotencyKey, "capture", amount, () -> "cap_" + UUID.randomUUID());
    }

    /** Acts once per key (a failure stores nothing); the same key again answers the stored reference. */
    private String once(String idempotencyKey, String kind, BigDecimal amount, Supplier<String> effect) {
        Entry entry = ledger.computeIfAbsent(idempotencyKey, key -> new Entry(kind, amount, effect.get()));
        if (!entry.kind().equals(kind) || entry.amount().compareTo(amount) != 0) {
            throw new PaymentDeclinedException("idempotency key " + idempotencyKey + " was used for " + entry.kind()
                    + " of " + entry.amount() + ", refused for " + kind + " of " + amount);
        }
        return entry.reference();
    }
}
