package dev.orderhub.mapping;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Converts between Jackson trees and the plain Maps, Lists, Strings, Numbers and Booleans JSONata evaluates over. */
final class Trees {
    // doubles carry ~16 significant digits; rounding to 15 removes binary artefacts such as 0.30000000000000004
    private static final MathContext DOUBLE_DIGITS = new MathContext(15);
    private static final double EXACT_LONG = 9_007_199_254_740_992d;

    private Trees() {}

    /** The plain Java form JSONata needs; decimals become Double because JSONata's functions mishandle BigDecimal. */
    static Object toPlain(Object value, JsonMapper json) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof JsonNode node) {
            return fromNode(node);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), toPlain(v, json)));
            return plain;
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            list.forEach(v -> plain.add(toPlain(v, json)));
            return plain;
        }
        if (value instanceof Number number) {
            return value instanceof Short || value instanceof Byte ? number.intValue() : number.doubleValue();
        }
        return fromNode(json.valueToTree(value));
    }

    private static Object fromNode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> plain = new LinkedHashMap<>();
            node.properties().forEach(e -> plain.put(e.getKey(), fromNode(e.getValue())));
            return plain;
        }
        if (node.isArray()) {
            List<Object> plain = new ArrayList<>(node.size());
            node.forEach(v -> plain.add(fromNode(v)));
            return plain;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asString();
    }

    /** The JSON tree of a JSONata result: null members are left out, whole doubles become integers. */
    static JsonNode toNode(Object value, String path) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null || value == Jsonata.NULL_VALUE) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> {
                if (v != null && v != Jsonata.NULL_VALUE) {
                    object.set(String.valueOf(k), toNode(v, path + "." + k));
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(toNode(list.get(i), path + "[" + i + "]"));
            }
            return array;
        }
        if (value instanceof String s) {
            return nodes.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return integer(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return nodes.numberNode(decimal);
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("result " + path + " is not a finite number");
            }
            if (d == Math.rint(d) && Math.abs(d) < EXACT_LONG) {
                return integer((long) d);
            }
            return nodes.numberNode(decimal(d));
        }
        throw new IllegalArgumentException(
                "result " + path + " is not JSON (a " + value.getClass().getSimpleName() + ", e.g. a function)");
    }

    /** An int node when it fits, as Jackson reads JSON, so that results compare equal to parsed documents. */
    private static JsonNode integer(long value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return value == (int) value ? nodes.numberNode((int) value) : nodes.numberNode(value);
    }

    /** A double as the decimal it was meant to be, without binary artefacts. */
    static BigDecimal decimal(double d) {
        BigDecimal exact = BigDecimal.valueOf(d).round(DOUBLE_DIGITS).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }
}
