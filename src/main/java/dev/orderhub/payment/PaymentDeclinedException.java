package dev.orderhub.payment;

import dev.orderhub.exception.PermanentFailure;

/** The gateway refused the payment for good: retrying will not help. */
public class PaymentDeclinedException extends PermanentFailure {
    public PaymentDeclinedException(String message) {
        super(message);
    }
}
