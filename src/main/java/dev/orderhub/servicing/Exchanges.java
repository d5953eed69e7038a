package dev.orderhub.servicing;

import dev.orderhub.intake.OrderIntake;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.PaymentMethod;
import dev.orderhub.order.Source;
import dev.orderhub.store.Change;
import dev.orderhub.store.Intake;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exchanges: a returned line may ask for {@code quantity} of {@code sku} instead of money back. Once its return order
 * is AUTHORIZED, each such line gets one replacement order, submitted through the same intake as REST orders
 * (validation, idempotency per channel {@code exchange} and externalOrderId {@code <rma>-<lineId>}, pipeline): the
 * original's account, buyer, bill-to, the line's delivery group and payment method. The returned units at their unit
 * price are credited on the replacement's line as an EXCHANGE adjustment (at most its amount): the same price makes
 * it free, a higher one leaves the difference (and its tax) to authorise and capture; a lower one leaves what the
 * returned units were paid (after their adjustments, before tax) less the replacement's price as
 * {@code exchangeRefundDue} on the return order, so a refund never exceeds what was paid.
 */
@Service
public class Exchanges {
    static final String CHANNEL = "exchange";

    private final Orders orders;
    private final ReturnOrders returnOrders;
    private final OrderIntake intake;
    private final JsonMapper json;

    Exchanges(Orders orders, ReturnOrders returnOrders, OrderIntake intake, JsonMapper json) {
        this.orders = orders;
        this.returnOrders = returnOrders;
        this.intake = intake;
        this.json = json;
    }

    /**
     * The exchange a requested return line asks for, checked; null when it asks for none. Refused (422):
     * {@code exchange-prepaid}, {@code exchange-sku-required}, {@code exchange-quantity-not-positive},
     * {@code exchange-price-below-zero}, {@code amount-scale} (a unitPrice with more decimals than the currency has).
     */
    static ReturnOrder.Exchange checked(Order order, ReturnRequest.Line requested) {
        ReturnOrder.Exchange exchange = requested.exchange();
        if (exchange == null) {
            return null;
        }
        String line = "line " + requested.lineId() + ": ";
        if (order.payment().method() == PaymentMethod.PREPAID) {
            throw ServicingRefusedException.rule(
                    "exchange-prepaid",
                    line + "a PREPAID order takes no exchange (the channel authorised its own amount)");
        }
        if (exchange.sku() == null || exchange.sku().isBlank()) {
            throw ServicingRefusedException.rule("exchange-sku-required", line + "an exchange needs a sku");
        }
        if (exchange.quantity() == null || exchange.quantity() < 1) {
            throw ServicingRefusedException.rule(
                    "exchange-quantity-not-positive", line + "an exchange needs a quantity of at least 1");
        }
        BigDecimal unitPrice = exchange.unitPrice();
        if (unitPrice != null && unitPrice.signum() < 0) {
            throw ServicingRefusedException.rule(
                    "exchange-price-below-zero", line + "an exchange's unitPrice must not be below zero");
        }
        if (unitPrice != null && unitPrice.stripTrailingZeros().scale() > Money.scale(order.currency())) {
            throw ServicingRefusedException.rule(
                    "amount-scale",
                    line + "an exchange's unitPrice " + unitPrice.toPlainString() + " has more decimals than "
                            + order.currency() + " allows");
        }
        return new ReturnOrder.Exchange(
                exchange.sku(),
                exchange.quantity(),
                unitPrice == null ? null : unitPrice.setScale(Money.scale(order.currency())),
                null);
    }

    /** What exchanges at a lower price leave to refund, net of tax; null when nothing. */
    static BigDecimal refundDue(Order order, List<ReturnOrder.Line> lines) {
        BigDecimal due = Money.zero(order.currency());
        for (ReturnOrder.Line line : lines) {
            if (line.exchange() != null) {
                BigDecimal left = paid(order, line).subtract(cost(order, line));
                due = left.signum() > 0 ? due.add(left) : due;
            }
        }
        return due.signum() > 0 ? due : null;
    }

    /**
     * Submits the replacement order of every exchanged line of an authorised return order that has none yet, and
     * links it on the return order (history EXCHANGE_ORDERED on the original). Idempotent: the intake answers the
     * same order again for the same line.
     */
    public void replace(String rma) {
        ReturnOrder returnOrder = returnOrders.find(rma).orElseThrow(() -> new ReturnNotFoundException(rma));
        Order original = orders.get(returnOrder.orderId());
        for (ReturnOrder.Line line : returnOrder.lines()) {
            if (line.exchange() == null || line.exchange().replacementOrderId() != null) {
                continue;
            }
            Intake made = intake.submit(
                    json.writeValueAsBytes(replacement(original, returnOrder, line)),
                    Source.of(CHANNEL, rma + " line " + line.lineId() + " of order " + original.id()));
            orders.change(original.id(), "EXCHANGE_ORDERED", order -> {
                ReturnOrder current = returnOrders.find(rma).orElseThrow();
                List<ReturnOrder.Line> lines = new ArrayList<>(current.lines());
                lines.replaceAll(l -> l.lineId().equals(line.lineId())
                        ? l.withExchange(l.exchange().withReplacement(made.id()))
                        : l);
                returnOrders.update(current.withLines(lines, Instant.now()));
                return Change.of(
                        order,
                        rma + " line " + line.lineId() + " exchanged for "
                                + line.exchange().quantity() + " x "
                                + line.exchange().sku() + " on order " + made.id());
            });
        }
    }

    /** The replacement order in the canonical form REST orders take. */
    private ObjectNode replacement(Order original, ReturnOrder returnOrder, ReturnOrder.Line returned) {
        OrderLine line = original.line(returned.lineId());
        DeliveryGroup group = original.deliveryGroups().stream()
                .filter(g -> g.id().equals(line.deliveryGroupId()))
                .findFirst()
                .orElseThrow();
        ReturnOrder.Exchange exchange = returned.exchange();
        ObjectNode order = json.createObjectNode()
                .put("externalOrderId", returnOrder.number() + "-" + returned.lineId())
                .put("channel", CHANNEL)
                .put("orderedAt", Instant.now().toString())
                .put("currency", original.currency())
                .put("taxMode", original.taxMode().name());
        if (original.account() != null) {
            order.set("account", json.valueToTree(original.account()));
        }
        if (original.buyer() != null) {
            order.set("buyer", json.valueToTree(original.buyer()));
        }
        if (original.billTo() != null) {
            order.set("billTo", json.valueToTree(original.billTo()));
        }
        ObjectNode payment = order.putObject("payment")
                .put("method", original.payment().method().name());
        if (original.payment().token() != null) {
            payment.put("token", original.payment().token());
        }
        if (original.payment().terms() != null) {
            payment.put("terms", original.payment().terms());
        }
        ObjectNode delivery = order.putArray("deliveryGroups").addObject().put("id", group.id());
        delivery.set("shipTo", json.valueToTree(group.shipTo()));
        if (group.method() != null) {
            delivery.put("method", group.method());
        }
        BigDecimal credit = Money.round(
                        original.line(returned.lineId()).unitPrice().multiply(BigDecimal.valueOf(returned.quantity())),
                        original.currency())
                .min(cost(original, returned));
        ObjectNode item = order.putArray("lines")
                .addObject()
                .put("lineId", "1")
                .put("sku", exchange.sku())
                .put("quantity", exchange.quantity())
                .put("unitPrice", unitPrice(original, returned).toPlainString())
                .put("deliveryGroupId", group.id());
        if (credit.signum() > 0) {
            item.putArray("adjustments")
                    .addObject()
                    .put("type", "EXCHANGE")
                    .put("amount", credit.negate().toPlainString())
                    .put("reason", "exchange of " + returnOrder.number() + " line " + returned.lineId());
        }
        return order;
    }

    /** What the returned units were paid: the line's amount after its adjustments, prorated, before tax. */
    private static BigDecimal paid(Order order, ReturnOrder.Line returned) {
        OrderLine line = order.line(returned.lineId());
        BigDecimal paid = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
        for (var adjustment : line.adjustments()) {
            paid = paid.add(adjustment.amount());
        }
        return paid.multiply(BigDecimal.valueOf(returned.quantity()))
                .divide(BigDecimal.valueOf(line.quantity()), Money.scale(order.currency()), RoundingMode.HALF_EVEN);
    }

    /** What the exchanged units cost at their price. */
    private static BigDecimal cost(Order order, ReturnOrder.Line returned) {
        return Money.round(
                unitPrice(order, returned)
                        .multiply(BigDecimal.valueOf(returned.exchange().quantity())),
                order.currency());
    }

    private static BigDecimal unitPrice(Order order, ReturnOrder.Line returned) {
        BigDecimal price = returned.exchange().unitPrice() != null
                ? returned.exchange().unitPrice()
                : order.line(returned.lineId()).unitPrice();
        return Money.round(price, order.currency());
    }
}
