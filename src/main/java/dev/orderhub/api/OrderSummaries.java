package dev.orderhub.api;

import dev.orderhub.credit.CreditMemoBook;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionFilter;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.fulfillment.FulfillmentOrder;
import dev.orderhub.fulfillment.FulfillmentOrders;
import dev.orderhub.fulfillment.Shipment;
import dev.orderhub.fulfillment.Shipments;
import dev.orderhub.invoice.Invoices;
import dev.orderhub.order.Order;
import dev.orderhub.payment.PaymentTransactions;
import dev.orderhub.servicing.Reships;
import dev.orderhub.servicing.Returns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shapes the order summary (the order with its fulfillment orders and shipments, invoices, return orders, credit
 * memos, reships, payment calls and active process exceptions) and the order list item that the REST contract answers.
 */
@Component
class OrderSummaries {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final JsonMapper json;
    private final FulfillmentOrders fulfillmentOrders;
    private final Shipments shipments;
    private final Invoices invoices;
    private final PaymentTransactions transactions;
    private final ProcessExceptions exceptions;
    private final Returns returns;
    private final CreditMemoBook creditMemos;
    private final Reships reships;

    OrderSummaries(
            JsonMapper json,
            FulfillmentOrders fulfillmentOrders,
            Shipments shipments,
            Invoices invoices,
            PaymentTransactions transactions,
            ProcessExceptions exceptions,
            Returns returns,
            CreditMemoBook creditMemos,
            Reships reships) {
        this.json = json;
        this.fulfillmentOrders = fulfillmentOrders;
        this.shipments = shipments;
        this.invoices = invoices;
        this.transactions = transactions;
        this.exceptions = exceptions;
        this.returns = returns;
        this.creditMemos = creditMemos;
        this.reships = reships;
    }

    Map<String, Object> summary(Order order) {
        Map<String, Object> summary = json.convertValue(order, MAP);
        List<Shipment> shipped = shipments.ofOrder(order.id());
        summary.put(
                "fulfillmentOrders",
                fulfillmentOrders.ofOrder(order.id()).stream()
                        .map(fo -> fulfillmentOrder(fo, shipped))
                        .toList());
        summary.put("invoices", invoices.recordedOf(order.id()));
        summary.put("returnOrders", returns.ofOrder(order.id()));
        summary.put("creditMemos", creditMemos.ofOrder(order.id()));
        summary.put("reships", reships.ofOrder(order.id()));
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = (Map<String, Object>) summary.get("payment");
        payment.put("transactions", transactions.of(order.id()));
        summary.put(
                "activeProcessExceptions",
                exceptions
                        .list(new ProcessExceptionFilter(null, null, null, order.id(), null, null), 0, 100)
                        .items()
                        .stream()
                        .filter(pe -> pe.status().active())
                        .map(OrderSummaries::exceptionItem)
                        .toList());
        return json.convertValue(summary, MAP);
    }

    private static Map<String, Object> fulfillmentOrder(FulfillmentOrder fo, List<Shipment> shipped) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", fo.id());
        item.put("location", fo.location());
        item.put("deliveryGroupId", fo.deliveryGroupId());
        item.put("status", fo.status());
        item.put("lines", fo.lines());
        if (fo.reship() != null) {
            item.put("reship", fo.reship());
        }
        item.put(
                "shipments",
                shipped.stream()
                        .filter(s -> s.fulfillmentOrderId().equals(fo.id()))
                        .toList());
        return item;
    }

    private static Map<String, Object> exceptionItem(ProcessException pe) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("number", pe.number());
        item.put("category", pe.category());
        item.put("status", pe.status());
        item.put("message", pe.message());
        return item;
    }

    static Map<String, Object> listItem(Order order) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", order.id());
        item.put("channel", order.channel());
        item.put("externalOrderId", order.externalOrderId());
        item.put("status", order.status());
        item.put("currency", order.currency());
        item.put("totals", order.totals());
        item.put("createdAt", order.createdAt());
        return item;
    }
}
