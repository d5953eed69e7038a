package dev.orderhub.payment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import dev.orderhub.order.PaymentMethod;
import dev.orderhub.servicing.CancelledOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A CARD order cancelled as a whole with an authorisation and nothing captured: the authorisation is voided at the
 * gateway, an external call keyed {@code <order>:void:<amount>}. A void that fails leaves the cancel as it is: the
 * attempt is in the payment journal and the authorisation lapses at the gateway by itself.
 */
@Service
class AuthorizationVoids implements CancelledOrder {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationVoids.class);

    private final PaymentConnector connector;
    private final ExternalCalls calls;
    private final PaymentTransactions transactions;

    AuthorizationVoids(PaymentConnector connector, ExternalCalls calls, PaymentTransactions transactions) {
        this.connector = connector;
        this.calls = calls;
        this.transactions = transactions;
    }

    @Override
    public void cancelled(Order order) {
        Payment payment = order.payment();
        if (payment.method() != PaymentMethod.CARD
                || payment.reference() == null
                || payment.authorized() == null
                || payment.authorized().signum() == 0
                || (payment.captured() != null && payment.captured().signum() != 0)) {
            return;
        }
        ExternalCalls.Call call = ExternalCalls.Call.of(order.id(), "VOID", null, payment.authorized());
        try {
            calls.call(
                    call,
                    connector.policy(),
                    key -> connector.gateway().voidAuthorization(key, order, payment.authorized()),
                    transactions.journal("releases " + payment.reference()));
        } catch (RuntimeException failed) {
            LOG.warn(
                    "order {} cancelled; its authorisation {} was not voided: {}",
                    order.id(),
                    payment.reference(),
                    failed.getMessage());
        }
    }
}
