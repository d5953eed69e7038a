package dev.orderhub.payment;

import dev.orderhub.order.Order;
import java.math.BigDecimal;

/**
 * What the hub asks of a payment gateway. Every request carries an idempotency key: the same key answers the first
 * result again, the same key with another amount is refused. Each method returns the gateway's reference; a decline
 * is permanent ({@link dev.orderhub.exception.PermanentFailure}), a timeout or 5xx transient.
 */
interface PaymentGateway {
    /** Authorises {@code amount} on the order's card token or payment method. */
    String authorize(String idempotencyKey, Order order, BigDecimal amount);

    /** Captures part or all of the order's authorisation for an invoice. */
    String capture(String idempotencyKey, Order order, String invoiceNumber, BigDecimal amount);

    /** Releases what is left of the order's authorisation. */
    String voidAuthorization(String idempotencyKey, Order order, BigDecimal amount);

    /** Gives back part or all of a capture. */
    String refund(String idempotencyKey, Order order, String capture, BigDecimal amount);

    /** Whether the gateway answers in the hub's own process (a sandbox), so that no call to it leaves the hub. */
    default boolean inProcess() {
        return false;
    }
}
