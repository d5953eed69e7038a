package dev.orderhub.fulfillment;

import dev.orderhub.connector.ConnectorPolicy;
import dev.orderhub.connector.Connectors;
import dev.orderhub.order.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the hub asks of the active carrier connector, each a request to {@code direct:connector-carrier-<operation>}
 * (README, "Connectors", for the bodies): a carrier shipment for a fulfillment order (no charge), the label of that
 * shipment at the cheapest rate of a service level (bought once per carrier shipment), a tracker for a shipment.
 */
class CarrierConnector {
    private final Connectors connectors;

    CarrierConnector(Connectors connectors) {
        this.connectors = connectors;
    }

    ConnectorPolicy policy() {
        return connectors.policy("carrier");
    }

    /** Creates the carrier's shipment for a fulfillment order; answers {@code {reference}}. */
    JsonNode shipment(String idempotencyKey, FulfillmentOrder fo, Address from, String service) {
        Map<String, Object> request = request(idempotencyKey, fo);
        request.put("service", service);
        request.put("from", from);
        request.put("shipTo", fo.shipTo());
        request.put(
                "lines",
                fo.lines().stream()
                        .map(l -> Map.of("lineId", l.lineId(), "sku", l.sku(), "quantity", l.quantity()))
                        .toList());
        return ask("shipment", request);
    }

    /**
     * Buys the label of a carrier shipment at the cheapest rate of the service level, or answers the label bought
     * already; answers {@code {reference, carrier, service, trackingCode, labelUrl, rate}}.
     */
    JsonNode label(String idempotencyKey, FulfillmentOrder fo, String shipment, String service) {
        Map<String, Object> request = request(idempotencyKey, fo);
        request.put("shipment", shipment);
        request.put("service", service);
        return ask("label", request);
    }

    /** Makes the carrier's tracker of a shipment; answers {@code {reference}}, the tracker id. */
    JsonNode track(String idempotencyKey, Shipment shipment) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("idempotencyKey", idempotencyKey);
        request.put("orderId", shipment.orderId());
        request.put("fulfillmentOrderId", shipment.fulfillmentOrderId());
        request.put("shipmentId", shipment.id());
        request.put("carrier", shipment.carrier());
        request.put("trackingCode", shipment.trackingNumber());
        return ask("track", request);
    }

    private static Map<String, Object> request(String idempotencyKey, FulfillmentOrder fo) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("idempotencyKey", idempotencyKey);
        request.put("orderId", fo.orderId());
        request.put("externalOrderId", fo.externalOrderId());
        request.put("fulfillmentOrderId", fo.id());
        return request;
    }

    private JsonNode ask(String operation, Map<String, Object> request) {
        JsonNode answer = connectors.request("carrier", operation, request);
        if (answer.path("reference").asString("").isBlank()) {
            throw new IllegalStateException("connector-carrier-" + operation + " answered no reference");
        }
        return answer;
    }
}
