package dev.orderhub.fulfillment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * The sandbox carrier (connector type carrier/sandbox): a carrier shipment per fulfillment order, one label per
 * carrier shipment however often it is bought (like a real carrier, a shipment's postage is bought once), the
 * sandbox carrier's name, service and tracking-number prefix, no charge; every tracker is accepted.
 */
@Component
class SandboxCarrier {
    private final SandboxErp.Carrier settings;
    private final Map<String, Map<String, Object>> labels = new ConcurrentHashMap<>();

    SandboxCarrier(SandboxErp.Carrier settings) {
        this.settings = settings;
    }

    public Map<String, Object> shipment(Map<String, Object> request) {
        return Map.of("reference", "SBX-" + request.get("fulfillmentOrderId"));
    }

    public Map<String, Object> label(Map<String, Object> request) {
        String shipment = String.valueOf(request.get("shipment"));
        return labels.computeIfAbsent(shipment, s -> {
            Map<String, Object> label = new LinkedHashMap<>();
            label.put("reference", s);
            label.put("carrier", settings.carrier());
            label.put("service", settings.service());
            label.put("trackingCode", trackingNumber(settings));
            label.put("labelUrl", "https://sandbox.orderhub.invalid/labels/" + s + ".pdf");
            label.put("rate", "0.00");
            return label;
        });
    }

    public Map<String, Object> track(Map<String, Object> request) {
        return Map.of("reference", "trk_sandbox_" + request.get("trackingCode"));
    }

    /** A tracking number of the sandbox carrier: its prefix and ten digits. */
    static String trackingNumber(SandboxErp.Carrier settings) {
        return settings.trackingPrefix()
                + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
    }
}
