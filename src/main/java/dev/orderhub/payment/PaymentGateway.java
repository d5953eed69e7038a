package dev.orderhub.payment;

import java.math.BigDecimal;

/**
 * A card gateway as the hub needs it: authorise an amount on a token, capture against an authorisation. Every
 * request carries an idempotency key: the same key answers the first result again, the same key with another
 * amount is refused (a PaymentDeclinedException).
 */
interface PaymentGateway {
    /** Returns the authorisation reference; throws PaymentDeclinedException (permanent) or TransientFailure. */
    String authorize(String idempotencyKey, String orderId, String token, BigDecimal amount, String currency);

    /** Captures part or all of an authorisation; returns the capture reference. */
    String capture(String idempotencyKey, String orderId, String authorization, BigDecimal amount, String currency);
}
