package dev.orderhub.order;

import java.math.BigDecimal;

/**
 * The order's payment: what the channel submitted (method, token, terms, reference, amount) and the
 * summary the hub keeps (authorized, captured, refunded, balance).
 */
public record Payment(
        PaymentMethod method,
        String token,
        String terms,
        String reference,
        BigDecimal amount,
        BigDecimal authorized,
        BigDecimal captured,
        BigDecimal refunded,
        BigDecimal balance) {

    static Payment submitted(PaymentMethod method, String token, String terms, String reference, BigDecimal amount) {
        return new Payment(method, token, terms, reference, amount, null, null, null, null);
    }

    /** Starts the summary at zero for a currency, with the balance owed. */
    public Payment opened(String currency, BigDecimal grandTotal) {
        BigDecimal zero = Money.zero(currency);
        return new Payment(method, token, terms, reference, amount, zero, zero, zero, grandTotal);
    }

    public Payment withReference(String newReference) {
        return new Payment(method, token, terms, newReference, amount, authorized, captured, refunded, balance);
    }

    public Payment withAmounts(BigDecimal authorized, BigDecimal captured, BigDecimal refunded, BigDecimal balance) {
        return new Payment(method, token, terms, reference, amount, authorized, captured, refunded, balance);
    }
}
