package dev.orderhub.payment;

import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import java.math.BigDecimal;
import org.springframework.stereotype.Service;

/**
 * Captures invoiced amounts: against the hub's authorisation for CARD, against the channel's reference for
 * PREPAID; orders billed on terms are not captured (their balance stays open until paid).
 */
@Service
public class Captures {
    private final PaymentConnector connector;
    private final PaymentTransactions transactions;

    Captures(PaymentConnector connector, PaymentTransactions transactions) {
        this.connector = connector;
        this.transactions = transactions;
    }

    /** Captures an amount and returns the payment summary after it (unchanged for terms). */
    public Payment capture(Order order, BigDecimal amount) {
        Payment payment = order.payment();
        if (payment.method().billedOnTerms() || amount.signum() == 0) {
            return payment;
        }
        connector.retry().execute(() -> {
            try {
                String capture = connector.gateway().capture(order.id(), payment.reference(), amount, order.currency());
                transactions.record(order.id(), "CAPTURE", amount, capture, "APPROVED", "against " + payment.reference());
                return capture;
            } catch (RuntimeException failure) {
                transactions.record(order.id(), "CAPTURE", amount, null, "FAILED", failure.getMessage());
                throw failure;
            }
        });
        BigDecimal captured = payment.captured().add(amount);
        return payment.withAmounts(payment.authorized(), captured, payment.refunded(),
                order.totals().grandTotal().subtract(captured));
    }
}
