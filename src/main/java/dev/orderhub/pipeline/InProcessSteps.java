package dev.orderhub.pipeline;

import dev.orderhub.fulfillment.Allocation;
import dev.orderhub.fulfillment.ShipmentConfirmation;
import dev.orderhub.fulfillment.Shipping;
import dev.orderhub.invoice.Invoicing;
import dev.orderhub.payment.Funds;
import dev.orderhub.tax.TaxCalculator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Steps in one transaction (README, "Steps in one transaction"): when the tax and payment connectors answer in the
 * hub's own process (type sandbox), accept, ensure funds and allocate commit once together, and so do an order's
 * invoicing, capture and close (with the ERP's shipment confirmation and its tracker, when the carrier answers
 * in-process too), instead of a commit (and a few reads) per step and per call. The steps are the same
 * code, only sharing a transaction, so they store what they would have stored one at a time. If anything fails, the
 * transaction rolls back, nothing of it is stored, and the steps run one at a time as with a remote connector: that
 * run records a failure as every step does.
 */
@Component
public class InProcessSteps {
    private static final Logger log = LoggerFactory.getLogger(InProcessSteps.class);
    /** Runs of steps in one transaction by steps and outcome (committed, or rolled back and run apart). */
    static final String METRIC = "orderhub.pipeline.one.transaction";

    private final Acceptance acceptance;
    private final Funds funds;
    private final Allocation allocation;
    private final Invoicing invoicing;
    private final Shipping shipping;
    private final TransactionTemplate transaction;
    private final TaxCalculator tax;
    private final boolean enabled;
    private final MeterRegistry metrics;

    InProcessSteps(
            Acceptance acceptance,
            Funds funds,
            Allocation allocation,
            Invoicing invoicing,
            Shipping shipping,
            TransactionTemplate transaction,
            TaxCalculator tax,
            MeterRegistry metrics,
            @Value("${orderhub.pipeline.one-transaction:true}") boolean enabled) {
        this.acceptance = acceptance;
        this.funds = funds;
        this.allocation = allocation;
        this.invoicing = invoicing;
        this.shipping = shipping;
        this.transaction = transaction;
        this.tax = tax;
        this.enabled = enabled;
        this.metrics = metrics;
    }

    /**
     * Accepts, ensures funds for and allocates the order in one transaction; false when that was done, true when the
     * steps are still to run apart (a remote connector, or a failure rolled them back).
     */
    public boolean acceptToAllocateApart(String orderId) {
        return !together("order " + orderId, "accept-to-allocate", () -> {
            acceptance.accept(orderId);
            funds.ensureFunds(orderId);
            allocation.allocate(orderId);
        });
    }

    /** Invoices, captures and closes the order in one transaction; true when the step is still to run apart. */
    public boolean invoiceApart(String orderId) {
        return !together("order " + orderId, "invoice-to-close", () -> invoicing.invoiceOrder(orderId));
    }

    /**
     * Records an ERP's shipment confirmation, asks for its tracker and invoices, captures and closes its order in one
     * transaction (when the carrier answers in-process too); true when the confirmation is still to be recorded apart.
     */
    public boolean shipToCloseApart(ShipmentConfirmation confirmation) {
        return !shipping.carrierInProcess()
                || !together("fulfillment order " + confirmation.fulfillmentOrderId(), "ship-to-close", () -> {
                    String orderId = shipping.confirmMessage(confirmation);
                    if (orderId != null) {
                        invoicing.invoiceOrder(orderId);
                    }
                });
    }

    private boolean together(String subject, String steps, Runnable work) {
        if (!enabled || !tax.inProcess() || !funds.gatewayInProcess()) {
            return false;
        }
        boolean committed = false;
        try {
            transaction.executeWithoutResult(tx -> work.run());
            committed = true;
        } catch (RuntimeException failure) {
            log.debug("{}: {} in one transaction rolled back, the steps run apart: {}", subject, steps, failure);
        }
        Counter.builder(METRIC)
                .description("runs of steps in one transaction: committed, or rolled back and run apart")
                .tags("steps", steps, "outcome", committed ? "committed" : "rolled-back")
                .register(metrics)
                .increment();
        return committed;
    }
}
