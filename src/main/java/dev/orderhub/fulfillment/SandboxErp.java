package dev.orderhub.fulfillment;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox ERP/WMS (connectors/erp/sandbox.yaml): answers each exported fulfillment order with a confirmation
 * that ships all its lines, with a tracking number from the sandbox carrier (connectors/carrier/sandbox.yaml, or the
 * active carrier file when its type is sandbox).
 * Fulfillment orders whose ship-to name starts with the connector's {@code holdShipToPrefix} are left unshipped,
 * so that partial and manual shipments can be tried over the API.
 */
@Component
class SandboxErp {
    private final JsonMapper json;
    private final Carrier carrier;

    SandboxErp(JsonMapper json, Carrier carrier) {
        this.json = json;
        this.carrier = carrier;
    }

    /** The confirmation for a fulfillment-order message, or null for a cancellation (nothing to ship). */
    public String confirm(String fulfillmentOrderMessage) {
        FulfillmentExport.Message message = json.readValue(fulfillmentOrderMessage, FulfillmentExport.Message.class);
        if ("CANCEL".equals(message.action())
                || message.shipTo() != null
                        && message.shipTo().name() != null
                        && carrier.holdShipToPrefix() != null
                        && message.shipTo().name().startsWith(carrier.holdShipToPrefix())) {
            return null;
        }
        List<ShipmentConfirmation.Line> lines = message.lines().stream()
                .map(l -> new ShipmentConfirmation.Line(l.lineId(), l.quantity()))
                .toList();
        String tracking = SandboxCarrier.trackingNumber(carrier);
        return json.writeValueAsString(new ShipmentConfirmation(
                message.fulfillmentOrderId(),
                "SHP-" + message.fulfillmentOrderId(),
                carrier.carrier(),
                carrier.service(),
                tracking,
                Instant.now(),
                lines));
    }

    /** The sandbox carrier's settings. */
    public record Carrier(String carrier, String service, String trackingPrefix, String holdShipToPrefix) {}
}
