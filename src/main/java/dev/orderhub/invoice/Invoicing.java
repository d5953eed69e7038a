package dev.orderhub.invoice;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.fulfillment.FulfillmentOrders;
import dev.orderhub.fulfillment.Shipment;
import dev.orderhub.fulfillment.Shipments;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.Move;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.lifecycle.PipelineStep;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import dev.orderhub.payment.Captures;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import dev.orderhub.tax.TaxDocuments;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The invoice-and-capture step: one posted invoice per shipment, the invoiced amount captured (CARD against the
 * authorisation, PREPAID against the channel's reference; terms get a due date instead), and the order CLOSED
 * once everything is shipped, invoiced and captured or billed.
 */
@Service
public class Invoicing {
    private final Orders orders;
    private final Shipments shipments;
    private final FulfillmentOrders fulfillmentOrders;
    private final Invoices invoices;
    private final Captures captures;
    private final Events events;
    private final TaxDocuments taxDocuments;

    Invoicing(
            Orders orders,
            Shipments shipments,
            FulfillmentOrders fulfillmentOrders,
            Invoices invoices,
            Captures captures,
            Events events,
            TaxDocuments taxDocuments) {
        this.orders = orders;
        this.shipments = shipments;
        this.fulfillmentOrders = fulfillmentOrders;
        this.invoices = invoices;
        this.captures = captures;
        this.events = events;
        this.taxDocuments = taxDocuments;
    }

    /**
     * Invoices every shipment of the order not yet invoiced, then closes it when it can. Three parts, so that money
     * moves once: under the order's row lock each new invoice is posted, pending, with its number and total fixed;
     * then, with no transaction or lock held, each pending invoice's tax is recorded with the tax service and its
     * amount captured, each under a key of its own (a rerun asks again with the same key); then, under the lock again, each is recorded on the order with its capture.
     */
    public void invoiceOrder(String orderId) {
        OrderStatus status = orders.status(orderId);
        if (!Lifecycle.actsOn(PipelineStep.INVOICE, status)
                || !Lifecycle.allows(Move.CLOSE, status)
                        && shipments.toInvoice(orderId).stream().allMatch(s -> invoices.recordedFor(s))) {
            return; // nothing shipped waits for its invoice, and nothing to close
        }
        Order posted = orders.locked(orderId, order -> {
            if (!Lifecycle.actsOn(PipelineStep.INVOICE, order.status())) {
                return null;
            }
            for (Shipment shipment : shipments.toInvoice(orderId)) {
                if (!invoices.existsFor(shipment)) {
                    post(order, shipment);
                }
            }
            return order;
        });
        if (posted == null) {
            return;
        }
        List<Invoice> pending = invoices.pendingOf(orderId);
        if (pending.isEmpty()) {
            orders.locked(orderId, order -> recordAndClose(order, null, false));
        }
        for (Invoice invoice : pending) {
            taxDocuments.commit(posted, taxDocument(invoice));
            // recorded in the transaction that records the capture's answer; an invoice captures nothing on terms
            if (captures.capture(
                            posted,
                            invoice.number(),
                            invoice.total(),
                            capture -> orders.locked(orderId, order -> recordAndClose(order, invoice, true)))
                    .isEmpty()) {
                orders.locked(orderId, order -> recordAndClose(order, invoice, false));
            }
        }
    }

    /** Records a posted invoice on the order once (none: only closes), then closes the order when it can. */
    private Void recordAndClose(Order order, Invoice invoice, boolean captured) {
        Order current = order;
        if (invoice != null && invoices.markRecorded(invoice.number())) {
            current = record(current, invoice, captured);
        }
        close(current, shipments.toInvoice(order.id()));
        return null;
    }

    private void post(Order order, Shipment shipment) {
        String group = fulfillmentOrders.deliveryGroupOf(shipment.fulfillmentOrderId());
        Invoice invoice =
                InvoiceCalculator.invoice(invoices.nextNumber(), order, shipment, group, invoices.ofOrder(order.id()));
        invoices.insertPending(invoice);
        // the calls the posted invoice makes due, recorded with it (README, "Money moves once")
        taxDocuments.intend(order, invoice.number(), invoice.tax());
        captures.intend(order, invoice.number(), invoice.total());
    }

    /** The invoice as the tax service records it: its lines and charges, each with the tax charged on it. */
    private TaxDocuments.Document taxDocument(Invoice invoice) {
        String group = fulfillmentOrders.deliveryGroupOf(invoice.fulfillmentOrderId());
        return new TaxDocuments.Document(
                invoice.number(),
                invoice.postedAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                invoice.tax(),
                invoice.lines().stream()
                        .map(l -> new TaxDocuments.Item(
                                l.lineId(),
                                l.sku(),
                                l.description(),
                                l.quantity(),
                                null,
                                group,
                                l.amount().add(l.adjustments()),
                                l.tax()))
                        .toList(),
                invoice.charges().stream()
                        .map(c -> new TaxDocuments.Item(null, null, null, 1, c.type(), group, c.amount(), c.tax()))
                        .toList());
    }

    private Order record(Order order, Invoice invoice, boolean captured) {
        return orders.change(order, "INVOICED", o -> {
            List<CloudEvent> published = new ArrayList<>();
            published.add(events.event(EventType.INVOICE_CREATED, o.id(), invoice));
            String detail = "invoice " + invoice.number() + " of " + invoice.total() + " " + invoice.currency();
            Payment payment = o.payment();
            if (captured) {
                BigDecimal total = payment.captured().add(invoice.total());
                payment = payment.withAmounts(
                        payment.authorized(),
                        total,
                        payment.refunded(),
                        o.totals().grandTotal().subtract(total));
                published.add(events.event(
                        EventType.PAYMENT_CAPTURED,
                        o.id(),
                        new PaymentCaptured(
                                o.id(), invoice.number(), invoice.total(), o.currency(), payment.reference())));
                detail += "; captured " + invoice.total();
            } else if (invoice.dueDate() != null) {
                detail += "; billed on terms " + invoice.paymentTerms() + ", due " + invoice.dueDate();
            }
            return new Change(o.withPayment(payment), detail, published);
        });
    }

    private void close(Order order, List<Shipment> shipped) {
        if (!Lifecycle.allows(Move.CLOSE, order.status())) {
            return;
        }
        if (shipped.stream().allMatch(s -> invoices.recordedFor(s))) {
            orders.change(
                    order,
                    "CLOSED",
                    o -> Lifecycle.allows(Move.CLOSE, o.status())
                            ? Change.of(
                                    o.withState(Lifecycle.close(o.state())),
                                    "everything shipped is invoiced and "
                                            + (o.payment().method().billedOnTerms() ? "billed on terms" : "captured"))
                            : null);
        }
    }

    /** Data of orderhub.payment.captured. */
    record PaymentCaptured(
            String orderId, String invoiceNumber, BigDecimal amount, String currency, String authorization) {}
}
