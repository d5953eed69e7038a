package dev.orderhub.fulfillment;

import dev.orderhub.connector.ActiveConnectors;
import dev.orderhub.exception.PermanentFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * EasyPost's bodies for the carrier routes of type easypost (routes/connectors/carrier/easypost.yaml): the hub's
 * requests translated to EasyPost's Shipment, Rate and Tracker objects, and its answers back; which rate a label is
 * bought at (the cheapest of the service level) is decided here. Settings come from the active carrier connector
 * file: {@code apiKey} (HTTP Basic user), {@code parcel}, {@code services}.
 */
@Component("easyPostCarrier")
class EasyPostCarrier {
    private final ActiveConnectors connectors;
    private final JsonMapper json;

    EasyPostCarrier(ActiveConnectors connectors, JsonMapper json) {
        this.connectors = connectors;
        this.json = json;
    }

    /** HTTP Basic with the API key as user and no password, as EasyPost authenticates. */
    public String authorization() {
        String key = connectors.get("carrier").setting("apiKey").asString("");
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST /v2/shipments}: {@code {shipment: {reference, to_address, from_address, parcel}}}. */
    public String shipmentBody(Map<String, Object> request) {
        JsonNode hub = json.valueToTree(request);
        ObjectNode shipment = json.createObjectNode();
        shipment.put("reference", hub.path("idempotencyKey").asString());
        shipment.set("to_address", address(hub.path("shipTo")));
        shipment.set("from_address", address(hub.path("from")));
        ObjectNode parcel = shipment.putObject("parcel");
        connectors.get("carrier").setting("parcel").properties().forEach(e -> parcel.set(e.getKey(), e.getValue()));
        ObjectNode body = json.createObjectNode();
        body.set("shipment", shipment);
        return json.writeValueAsString(body);
    }

    private ObjectNode address(JsonNode hub) {
        ObjectNode address = json.createObjectNode();
        address.put("name", hub.path("name").asString(null));
        address.put("street1", hub.path("line1").asString(null));
        address.put("street2", hub.path("line2").asString(null));
        address.put("city", hub.path("city").asString(null));
        address.put("state", hub.path("region").asString(null));
        address.put("zip", hub.path("postalCode").asString(null));
        address.put("country", hub.path("country").asString(null));
        return address;
    }

    /** The created Shipment's id as the reference. */
    public Map<String, Object> shipmentCreated(String shipment) {
        return Map.of("reference", json.readTree(shipment).path("id").asString());
    }

    /**
     * What to do with a Shipment read back before buying: {@code {bought: label}} when it has its postage label
     * already (a rerun), else {@code {buy: body}} for {@code POST /v2/shipments/{id}/buy} at the cheapest rate of
     * the service level; no rate of that service is permanent.
     */
    public Map<String, Object> purchase(String shipment, Map<String, Object> request) {
        JsonNode read = json.readTree(shipment);
        if (!read.path("postage_label").path("label_url").asString("").isBlank()) {
            return Map.of("bought", label(shipment));
        }
        String method = String.valueOf(request.get("service"));
        String service =
                connectors.get("carrier").setting("services").path(method).asString(method);
        JsonNode cheapest = StreamSupport.stream(read.path("rates").spliterator(), false)
                .filter(rate -> service.equalsIgnoreCase(rate.path("service").asString("")))
                .min(Comparator.comparing(
                        rate -> new BigDecimal(rate.path("rate").asString("0"))))
                .orElseThrow(() -> new PermanentFailure(
                        "EasyPost shipment " + read.path("id").asString() + " has no rate of service " + service
                                + " (delivery method " + method + ")"));
        ObjectNode body = json.createObjectNode();
        body.putObject("rate").put("id", cheapest.path("id").asString());
        return Map.of("buy", json.writeValueAsString(body));
    }

    /** A bought Shipment as the hub's label: {@code {reference, carrier, service, trackingCode, labelUrl, rate}}. */
    public Map<String, Object> label(String shipment) {
        JsonNode bought = json.readTree(shipment);
        JsonNode rate = bought.path("selected_rate");
        Map<String, Object> label = new LinkedHashMap<>();
        label.put("reference", bought.path("id").asString());
        label.put("carrier", rate.path("carrier").asString(null));
        label.put("service", rate.path("service").asString(null));
        label.put("trackingCode", bought.path("tracking_code").asString(null));
        label.put("labelUrl", bought.path("postage_label").path("label_url").asString(null));
        label.put("rate", rate.path("rate").asString(null));
        return label;
    }

    /** {@code POST /v2/trackers}: {@code {tracker: {tracking_code, carrier}}}. */
    public String trackerBody(Map<String, Object> request) {
        ObjectNode body = json.createObjectNode();
        ObjectNode tracker = body.putObject("tracker");
        tracker.put("tracking_code", String.valueOf(request.get("trackingCode")));
        if (request.get("carrier") != null) {
            tracker.put("carrier", String.valueOf(request.get("carrier")));
        }
        return json.writeValueAsString(body);
    }

    /** The created Tracker's id as the reference. */
    public Map<String, Object> tracker(String tracker) {
        return Map.of("reference", json.readTree(tracker).path("id").asString());
    }
}
