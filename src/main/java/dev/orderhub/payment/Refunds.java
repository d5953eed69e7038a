package dev.orderhub.payment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.order.Order;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Gives captured money back: a refund against one capture of a card or prepaid order, an external call keyed by
 * order, credit memo, capture and amount ({@code <order>:refund:<memo>:<capture>:<amount>}), made with no
 * transaction or row lock held. Orders billed on terms are never refunded (their credit goes to the account).
 */
@Service
public class Refunds {
    private final PaymentConnector connector;
    private final ExternalCalls calls;
    private final PaymentTransactions transactions;

    Refunds(PaymentConnector connector, ExternalCalls calls, PaymentTransactions transactions) {
        this.connector = connector;
        this.calls = calls;
        this.transactions = transactions;
    }

    /** A capture of the order: the gateway's reference and the amount captured. */
    public record Capture(String reference, BigDecimal amount) {}

    /** Whether the order's money is refunded at the gateway (card and prepaid) rather than credited on terms. */
    public static boolean refunds(Order order) {
        return !order.payment().method().billedOnTerms();
    }

    /** The order's captures that the gateway answered, oldest first. */
    public List<Capture> captures(String orderId) {
        return calls.succeeded(orderId, "CAPTURE").stream()
                .map(c -> new Capture(c.reference(), c.amount()))
                .toList();
    }

    /**
     * Refunds {@code amount} of a capture for a credit memo once, however often it is asked, and returns the
     * gateway's refund reference. Call it with no transaction open; a timeout or 5xx is thrown (transient) and the
     * next ask repeats the same key.
     */
    public String refund(Order order, String creditMemo, String capture, BigDecimal amount) {
        ExternalCalls.Call call = ExternalCalls.Call.of(order.id(), "REFUND", creditMemo + ":" + capture, amount);
        return calls.call(
                call,
                connector.policy(),
                key -> connector.gateway().refund(key, order, capture, amount),
                transactions.journal(creditMemo + " against " + capture));
    }
}
