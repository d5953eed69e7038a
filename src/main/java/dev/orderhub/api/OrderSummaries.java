package dev.orderhub.api;

import dev.orderhub.order.Order;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Shapes the order summary and the order list item that the REST contract answers. */
@Component
class OrderSummaries {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    OrderSummaries(JsonMapper json) {
        this.json = json;
    }

    Map<String, Object> summary(Order order) {
        return json.convertValue(order, MAP);
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
