package dev.orderhub.invoice;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.fulfillment.FulfillmentOrders;
import dev.orderhub.fulfillment.Shipment;
import dev.orderhub.fulfillment.Shipments;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Order;
import dev.orderhub.order.Payment;
import dev.orderhub.payment.Captures;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
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

    Invoicing(Orders orders, Shipments shipments, FulfillmentOrders fulfillmentOrders, Invoices invoices,
            Captures captures, Events events) {
        this.orders = orders;
        this.shipments = shipments;
        this.fulfillmentOrders = fulfillmentOrders;
        this.invoices = invoices;
        this.captures = captures;
        this.events = events;
    }

    /** Invoices every shipment of the order not yet invoiced, then closes it when it can. */
    public void invoiceOrder(String orderId) {
        OrderStatus status = orders.status(orderId);
        if (status == OrderStatus.ON_HOLD || status.isFinal()
                || status != OrderStatus.FULFILLED && shipments.ofOrder(orderId).stream()
                        .allMatch(s -> invoices.existsFor(s))) {
            return; // nothing shipped waits for its invoice, and nothing to close
        }
        // under the order's row lock: two runs never both capture a shipment
        orders.locked(orderId, order -> {
            Order current = order;
            List<Shipment> shipped = shipments.ofOrder(orderId);
            for (Shipment shipment : shipped) {
                if (!invoices.existsFor(shipment)) {
                    current = invoice(current, shipment);
                }
            }
            close(current, shipped);
            return null;
        });
    }

    private Order invoice(Order order, Shipment shipment) {
        String group = fulfillmentOrders.find(shipment.fulfillmentOrderId()).orElseThrow().deliveryGroupId();
        Invoice invoice = InvoiceCalculator.invoice(invoices.nextNumber(), order, shipment, group,
                invoices.ofOrder(order.id()));
        Payment afterCapture = captures.capture(order, invoice.total());
        return orders.change(order, "INVOICED", o -> {
            invoices.insert(invoice);
            List<CloudEvent> published = new ArrayList<>();
            published.add(events.event(EventType.INVOICE_CREATED, o.id(), invoice));
            String detail = "invoice " + invoice.number() + " of " + invoice.total() + " " + invoice.currency();
            Payment payment = o.payment();
            BigDecimal captured = afterCapture.captured() == null ? BigDecimal.ZERO
                    : afterCapture.captured().subtract(order.payment().captured());
            if (captured.signum() > 0) {
                BigDecimal total = payment.captured().add(captured);
                payment = payment.withAmounts(payment.authorized(), total, payment.refunded(),
                        o.totals().grandTotal().subtract(total));
                published.add(events.event(EventType.PAYMENT_CAPTURED, o.id(),
                        new PaymentCaptured(o.id(), invoice.number(), captured, o.currency(), payment.reference())));
                detail += "; captured " + captured;
            } else if (invoice.dueDate() != null) {
                detail += "; billed on terms " + invoice.paymentTerms() + ", due " + invoice.dueDate();
            }
            return new Change(o.withPayment(payment), detail, published);
        });
    }

    private void close(Order order, List<Shipment> shipped) {
        if (order.status() != OrderStatus.FULFILLED) {
            return;
        }
        if (shipped.stream().allMatch(s -> invoices.existsFor(s))) {
            orders.change(order, "CLOSED", o -> o.status() == OrderStatus.FULFILLED
                    ? Change.of(o.withState(Lifecycle.close(o.state())), "everything shipped is invoiced and "
                            + (o.payment().method().billedOnTerms() ? "billed on terms" : "captured"))
                    : null);
        }
    }

    /** Data of orderhub.payment.captured. */
    public record PaymentCaptured(String orderId, String invoiceNumber, BigDecimal amount, String currency,
            String authorization) {
    }
}
