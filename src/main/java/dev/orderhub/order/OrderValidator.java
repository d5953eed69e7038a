package dev.orderhub.order;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a submitted JSON document into a canonical {@link Order}, or refuses it with every field error at once:
 * first the published JSON Schema (structure and types), then the rules a schema cannot say (currency scale,
 * references between lines and delivery groups, country codes, payment details per method).
 */
public class OrderValidator {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** The default of {@code orderhub.orders.max-lines}. */
    public static final int MAX_LINES = 10_000;

    private final JsonMapper json;
    private final Schema schema;
    private final int maxLines;

    public OrderValidator(JsonMapper json) {
        this(json, MAX_LINES);
    }

    OrderValidator(JsonMapper json, int maxLines) {
        this.json = json;
        this.maxLines = maxLines;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("classpath:schema/order.json"));
    }

    public Order parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new OrderValidationException(
                    List.of(new FieldError("$", "is empty: an order is a JSON object in the message's body")));
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException malformed) {
            throw new OrderValidationException(List.of(
                    new FieldError("$", "malformed JSON: " + PersonalData.scrub(malformed.getOriginalMessage()))));
        }
        return parse(tree);
    }

    public Order parse(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new OrderValidationException(List.of(new FieldError("$", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (tree.path("lines").size() > maxLines) {
            // refused before the schema walks every line of a huge order
            throw new OrderValidationException(List.of(new FieldError(
                    "lines", "has " + tree.path("lines").size() + " lines; at most " + maxLines + " are allowed")));
        }
        findNul(tree, "$", errors);
        for (Error error : schema.validate(tree)) {
            errors.add(toFieldError(error));
        }
        Order order;
        try {
            order = json.treeToValue(tree, Order.class);
        } catch (JacksonException unbindable) {
            throw new OrderValidationException(
                    errors.isEmpty()
                            ? List.of(new FieldError("$", PersonalData.scrub(unbindable.getOriginalMessage())))
                            : errors);
        }
        // the rules below also run when the schema found problems, so that every problem is reported at once
        List<FieldError> ruleErrors = new ArrayList<>();
        try {
            checkRules(order, ruleErrors);
        } catch (RuntimeException incomplete) {
            // a structure the schema already refused (a missing object) stops the rules; its errors stand
        }
        ruleErrors.stream()
                .filter(e -> errors.stream().noneMatch(s -> s.field().equals(e.field())))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new OrderValidationException(errors);
        }
        return order;
    }

    /** PostgreSQL keeps no NUL character in text: a name or value holding one is refused here, not by the database. */
    private static void findNul(JsonNode node, String at, List<FieldError> errors) {
        if (node.isString() && node.asString().indexOf('\u0000') >= 0) {
            errors.add(new FieldError(at, "must not contain the NUL character"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNul(node.get(i), at + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String field = at.equals("$") ? name : at + "." + name;
                if (name.indexOf('\u0000') >= 0) {
                    errors.add(new FieldError(at, "has a property name with the NUL character"));
                } else {
                    findNul(node.get(name), field, errors);
                }
            }
        }
    }

    private static FieldError toFieldError(Error error) {
        String field = fieldName(error.getInstanceLocation());
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return new FieldError(
                    field.equals("$") ? error.getProperty() : field + "." + error.getProperty(), "is required");
        }
        String message = switch (error.getKeyword()) {
            case "exclusiveMinimum" -> "must be greater than 0";
            case "minItems" -> "must not be empty";
            case "pattern" -> "has an invalid format";
            default -> error.getMessage().replaceFirst("^\\S+: ", "");
        };
        return new FieldError(field, message);
    }

    private static String fieldName(NodePath path) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(element);
            }
        }
        return name.isEmpty() ? "$" : name.toString();
    }

    private static void checkRules(Order order, List<FieldError> errors) {
        String currency = order.currency();
        if (Money.currency(currency).isEmpty()) {
            errors.add(new FieldError("currency", "unknown currency " + currency));
        }
        Set<String> groups = new HashSet<>();
        for (int g = 0; g < order.deliveryGroups().size(); g++) {
            DeliveryGroup group = order.deliveryGroups().get(g);
            if (!groups.add(group.id())) {
                errors.add(new FieldError("deliveryGroups[" + g + "].id", "duplicate delivery group " + group.id()));
            }
            checkAddress(group.shipTo(), "deliveryGroups[" + g + "].shipTo", errors);
        }
        if (order.billTo() != null) {
            checkAddress(order.billTo(), "billTo", errors);
        }
        Set<String> lineIds = new HashSet<>();
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            String at = "lines[" + i + "]";
            if (line.lineId() != null && !lineIds.add(line.lineId())) {
                errors.add(new FieldError(at + ".lineId", "duplicate line id " + line.lineId()));
            }
            if (line.deliveryGroupId() != null && !groups.contains(line.deliveryGroupId())) {
                errors.add(new FieldError(at + ".deliveryGroupId", "unknown delivery group " + line.deliveryGroupId()));
            } else if (line.deliveryGroupId() == null && groups.size() > 1) {
                errors.add(new FieldError(
                        at + ".deliveryGroupId", "is required when the order has several delivery groups"));
            }
            checkMoney(line.unitPrice(), at + ".unitPrice", currency, errors);
            for (int a = 0; a < line.adjustments().size(); a++) {
                checkMoney(line.adjustments().get(a).amount(), at + ".adjustments[" + a + "].amount", currency, errors);
            }
            for (int t = 0; t < line.taxLines().size(); t++) {
                checkMoney(line.taxLines().get(t).amount(), at + ".taxLines[" + t + "].amount", currency, errors);
            }
        }
        for (int c = 0; c < order.charges().size(); c++) {
            Charge charge = order.charges().get(c);
            checkMoney(charge.amount(), "charges[" + c + "].amount", currency, errors);
            if (charge.deliveryGroupId() != null && !groups.contains(charge.deliveryGroupId())) {
                errors.add(new FieldError(
                        "charges[" + c + "].deliveryGroupId", "unknown delivery group " + charge.deliveryGroupId()));
            }
        }
        checkPayment(order.payment(), currency, errors);
        if (gross(order).compareTo(Money.LIMIT) >= 0) {
            errors.add(new FieldError("lines", "the order's amounts add up to " + Money.LIMIT + " or more"));
        }
    }

    /** Every amount of the order, lines at their quantity, as if all were added: a bound of each of its totals. */
    private static BigDecimal gross(Order order) {
        BigDecimal gross = BigDecimal.ZERO;
        for (OrderLine line : order.lines()) {
            if (line.unitPrice() != null && line.quantity() != null) {
                gross = gross.add(line.unitPrice().abs().multiply(BigDecimal.valueOf(line.quantity())));
            }
            for (Adjustment adjustment : line.adjustments()) {
                gross = gross.add(abs(adjustment.amount()));
            }
            for (TaxLine tax : line.taxLines()) {
                gross = gross.add(abs(tax.amount()));
            }
        }
        for (Charge charge : order.charges()) {
            gross = gross.add(abs(charge.amount()));
            for (TaxLine tax : charge.taxLines()) {
                gross = gross.add(abs(tax.amount()));
            }
        }
        return gross;
    }

    private static BigDecimal abs(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount.abs();
    }

    private static void checkPayment(Payment payment, String currency, List<FieldError> errors) {
        switch (payment.method()) {
            case CARD -> require(payment.token(), "payment.token", "is required for CARD", errors);
            case PREPAID -> {
                require(payment.reference(), "payment.reference", "is required for PREPAID", errors);
                if (payment.amount() == null) {
                    errors.add(new FieldError("payment.amount", "is required for PREPAID"));
                }
                checkMoney(payment.amount(), "payment.amount", currency, errors);
            }
            case INVOICE, PURCHASE_ORDER ->
                require(payment.terms(), "payment.terms", "is required for " + payment.method(), errors);
        }
    }

    private static void require(String value, String field, String message, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, message));
        }
    }

    private static void checkMoney(BigDecimal amount, String field, String currency, List<FieldError> errors) {
        if (amount == null) {
            return;
        }
        if (amount.abs().compareTo(Money.LIMIT) >= 0) {
            errors.add(new FieldError(field, "must be less than " + Money.LIMIT + " in size"));
        } else if (Money.currency(currency).isPresent() && !Money.fitsScale(amount, currency)) {
            errors.add(new FieldError(field, "has more than " + Money.scale(currency) + " decimals for " + currency));
        }
    }

    private static void checkAddress(Address address, String at, List<FieldError> errors) {
        if (address == null) {
            return;
        }
        if (!COUNTRIES.contains(address.country())) {
            errors.add(new FieldError(at + ".country", "unknown country code " + address.country()));
        }
        if (("US".equals(address.country()) || "CA".equals(address.country()))
                && (address.region() == null || address.region().isBlank())) {
            errors.add(new FieldError(at + ".region", "is required for " + address.country()));
        }
    }
}
