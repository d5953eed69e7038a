package dev.orderhub.payment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Captures invoiced amounts: against the hub's authorisation for CARD, against the channel's reference for
 * PREPAID; orders billed on terms are not captured (their balance stays open until paid). Each capture is an
 * external call keyed by order, invoice and amount, made with no transaction or row lock held.
 */
@Service
public class Captures {
    private final PaymentConnector connector;
    private final ExternalCalls calls;
    private final PaymentTransactions transactions;

    Captures(PaymentConnector connector, ExternalCalls calls, PaymentTransactions transactions) {
        this.connector = connector;
        this.calls = calls;
        this.transactions = transactions;
    }

    /** Whether an invoiced amount of this order is captured at all (not for terms, not for nothing). */
    private static boolean captures(Order order, BigDecimal amount) {
        return !order.payment().method().billedOnTerms() && amount.signum() != 0;
    }

    /** Records, in the caller's transaction, that an invoice's amount is to be captured (nothing on terms). */
    public void intend(Order order, String invoiceNumber, BigDecimal amount) {
        if (captures(order, amount)) {
            calls.intend(ExternalCalls.Call.of(order.id(), "CAPTURE", invoiceNumber, amount));
        }
    }

    /**
     * Captures an invoice's amount once, however often it is asked, and returns the capture reference; empty when
     * nothing is captured. {@code record} runs with the reference in the transaction that records the gateway's
     * answer. Call it with no transaction open.
     */
    public Optional<String> capture(Order order, String invoiceNumber, BigDecimal amount, Consumer<String> record) {
        if (!captures(order, amount)) {
            return Optional.empty();
        }
        Payment payment = order.payment();
        ExternalCalls.Call call = ExternalCalls.Call.of(order.id(), "CAPTURE", invoiceNumber, amount);
        return Optional.of(calls.call(
                call,
                connector.policy(),
                key -> connector.gateway().capture(key, order, invoiceNumber, amount),
                transactions.journal("against " + payment.reference()),
                reference -> {
                    record.accept(reference);
                    return reference;
                }));
    }
}
