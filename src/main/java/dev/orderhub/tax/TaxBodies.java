package dev.orderhub.tax;

import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.order.Address;
import dev.orderhub.order.Charge;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.Pricing;
import dev.orderhub.order.TaxLine;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies of the tax connector contract (README, "Connectors"): the quote request made from an order, its
 * answer applied to the order, and the tax document of an invoice. Only lines and charges without tax lines are
 * quoted: tax lines a channel supplied are what the buyer paid and are kept as given.
 */
final class TaxBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TaxBodies() {}

    /** The quote request: the order's lines and charges that lack tax lines, each with where it is delivered. */
    static ObjectNode quote(Order order) {
        ObjectNode request = header(order);
        request.put("code", order.id());
        request.put(
                "date",
                order.orderedAt() == null
                        ? null
                        : order.orderedAt()
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString());
        ArrayNode lines = request.putArray("lines");
        for (OrderLine line : order.lines()) {
            if (line.taxLines().isEmpty()) {
                lines.addObject()
                        .put("lineId", line.lineId())
                        .put("sku", line.sku())
                        .put("description", line.description())
                        .put(
                                "quantity",
                                line.quantities() != null ? line.quantities().net() : line.quantity())
                        .put("amount", SandboxTaxCalculator.base(line).toPlainString())
                        .put("taxCode", line.productIds().get("taxCode"))
                        .put("deliveryGroupId", line.deliveryGroupId())
                        .set("shipTo", address(shipTo(order, line.deliveryGroupId())));
            }
        }
        ArrayNode charges = request.putArray("charges");
        for (int i = 0; i < order.charges().size(); i++) {
            Charge charge = order.charges().get(i);
            if (charge.taxLines().isEmpty()) {
                charges.addObject()
                        .put("index", i)
                        .put("type", charge.type())
                        .put("amount", amount(charge.amount()).toPlainString())
                        .put("deliveryGroupId", charge.deliveryGroupId())
                        .set("shipTo", address(shipTo(order, charge.deliveryGroupId())));
            }
        }
        return request;
    }

    /** The tax document of an invoice, recorded with the tax service. */
    static ObjectNode document(Order order, TaxDocuments.Document invoice) {
        ObjectNode request = header(order);
        request.put("code", invoice.number());
        request.put("invoiceNumber", invoice.number());
        request.put("date", invoice.date() == null ? null : invoice.date().toString());
        request.put("tax", invoice.tax().toPlainString());
        ArrayNode lines = request.putArray("lines");
        for (TaxDocuments.Item item : invoice.lines()) {
            OrderLine line = order.line(item.id());
            lines.addObject()
                    .put("lineId", item.id())
                    .put("sku", item.sku())
                    .put("description", item.description())
                    .put("quantity", item.quantity())
                    .put("amount", item.amount().toPlainString())
                    .put("tax", item.tax().toPlainString())
                    .put("taxCode", line == null ? null : line.productIds().get("taxCode"))
                    .put("deliveryGroupId", item.deliveryGroupId())
                    .set("shipTo", address(shipTo(order, item.deliveryGroupId())));
        }
        ArrayNode charges = request.putArray("charges");
        for (int i = 0; i < invoice.charges().size(); i++) {
            TaxDocuments.Item item = invoice.charges().get(i);
            charges.addObject()
                    .put("index", i)
                    .put("type", item.type())
                    .put("amount", item.amount().toPlainString())
                    .put("tax", item.tax().toPlainString())
                    .put("deliveryGroupId", item.deliveryGroupId())
                    .set("shipTo", address(shipTo(order, item.deliveryGroupId())));
        }
        return request;
    }

    static ObjectNode header(Order order) {
        ObjectNode request = NODES.objectNode();
        request.put("orderId", order.id());
        request.put("externalOrderId", order.externalOrderId());
        request.put("channel", order.channel());
        request.put("poNumber", order.poNumber());
        request.put("currency", order.currency());
        request.put("taxMode", order.taxMode().name());
        request.put(
                "customerCode",
                order.account() != null && order.account().accountId() != null
                        ? order.account().accountId()
                        : order.channel() + ":" + order.externalOrderId());
        request.put("taxId", order.account() == null ? null : order.account().taxId());
        return request;
    }

    /** The order with the answer's tax lines on the lines and charges that lacked them, and its totals again. */
    static Order apply(Order order, JsonNode answer) {
        Map<String, List<TaxLine>> byLine = new HashMap<>();
        answer.path("lines").forEach(l -> byLine.put(l.path("lineId").asString(), taxLines(l.path("taxLines"), order)));
        Map<Integer, List<TaxLine>> byCharge = new HashMap<>();
        answer.path("charges").forEach(c -> byCharge.put(c.path("index").asInt(), taxLines(c.path("taxLines"), order)));
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            lines.add(
                    line.taxLines().isEmpty()
                            ? line.withTaxLines(required(byLine.get(line.lineId()), "line " + line.lineId()))
                            : line);
        }
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < order.charges().size(); i++) {
            Charge charge = order.charges().get(i);
            charges.add(
                    charge.taxLines().isEmpty()
                            ? charge.withTaxLines(required(byCharge.get(i), "charge " + i))
                            : charge);
        }
        Order taxed = order.withPricing(lines, charges, order.totals());
        return taxed.withPricing(lines, charges, Pricing.totals(taxed));
    }

    static ArrayNode taxLines(List<TaxLine> taxLines) {
        ArrayNode array = NODES.arrayNode();
        for (TaxLine t : taxLines) {
            array.addObject()
                    .put("jurisdiction", t.jurisdiction())
                    .put("name", t.name())
                    .put("rate", t.rate().toPlainString())
                    .put("amount", t.amount().toPlainString())
                    .put("note", t.note());
        }
        return array;
    }

    private static List<TaxLine> taxLines(JsonNode array, Order order) {
        List<TaxLine> lines = new ArrayList<>();
        for (JsonNode t : array) {
            lines.add(new TaxLine(
                    t.path("jurisdiction").asString(null),
                    t.path("name").asString(null),
                    new BigDecimal(t.path("rate").asString("0")),
                    Money.round(new BigDecimal(t.path("amount").asString("0")), order.currency()),
                    t.path("note").asString(null)));
        }
        return lines;
    }

    private static List<TaxLine> required(List<TaxLine> taxLines, String what) {
        if (taxLines == null || taxLines.isEmpty()) {
            throw new PermanentFailure("connector-tax-quote answered no tax lines for " + what);
        }
        return taxLines;
    }

    /**
     * Where a line or charge is delivered. With no delivery group named, the order's only group if it has one,
     * else the bill-to address (a service charge is taxed where the buyer is billed). Null when none is known.
     */
    static Address shipTo(Order order, String groupId) {
        DeliveryGroup group = groupId == null ? null : order.deliveryGroup(groupId);
        if (groupId == null && order.deliveryGroups().size() == 1) {
            group = order.deliveryGroups().get(0);
        }
        if (group != null && group.shipTo() != null) {
            return group.shipTo();
        }
        return groupId == null ? order.billTo() : null;
    }

    static JsonNode address(Address a) {
        if (a == null) {
            return NODES.nullNode();
        }
        return NODES.objectNode()
                .put("name", a.name())
                .put("line1", a.line1())
                .put("line2", a.line2())
                .put("city", a.city())
                .put("region", a.region())
                .put("postalCode", a.postalCode())
                .put("country", a.country());
    }

    static Address address(JsonNode a) {
        if (a == null || !a.isObject()) {
            return null;
        }
        return new Address(
                a.path("name").asString(null),
                a.path("line1").asString(null),
                a.path("line2").asString(null),
                a.path("city").asString(null),
                a.path("region").asString(null),
                a.path("postalCode").asString(null),
                a.path("country").asString(null));
    }

    private static BigDecimal amount(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
