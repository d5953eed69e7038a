package dev.orderhub.intake;

import dev.orderhub.mapping.Mappings;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.store.Intake;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Takes a channel's native order in: map it to canonical JSON, validate, submit. */
@Service
public class MappedIntake {
    private final Mappings mappings;
    private final OrderValidator validator;
    private final OrderIntake intake;

    MappedIntake(Mappings mappings, OrderValidator validator, OrderIntake intake) {
        this.mappings = mappings;
        this.validator = validator;
        this.intake = intake;
    }

    /** Maps and validates without storing (a multi-order document is checked whole first). */
    public Order map(String mapping, Object input, Map<String, Object> bindings, String identity) {
        JsonNode canonical = mappings.transform(mapping, input, bindings, identity);
        return validator.parse(canonical);
    }

    /** Maps only: for formats whose mapped output carries more than an order (e.g. an unresolved ship-to code). */
    public JsonNode transform(String mapping, Object input, Map<String, Object> bindings, String identity) {
        return mappings.transform(mapping, input, bindings, identity);
    }

    public Order validate(JsonNode canonical) {
        return validator.parse(canonical);
    }

    public Intake submit(Order order, Source source) {
        return intake.submit(order, source);
    }

    public Intake submit(String mapping, Object input, Map<String, Object> bindings, String identity, Source source) {
        return intake.submit(map(mapping, input, bindings, identity), source);
    }
}
