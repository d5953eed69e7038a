package dev.orderhub.fulfillment;

import dev.orderhub.connector.ActiveConnectors;
import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.store.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A carrier's tracking updates (EasyPost's {@code tracker.updated} webhook): the carrier's status is recorded on
 * every shipment with the tracking code as its {@code trackingStatus}; {@code delivered} marks it DELIVERED with
 * {@code deliveredAt} and publishes {@code orderhub.shipment.delivered}, once. A repeated update changes nothing.
 */
@Service
public class TrackingUpdates {
    static final String DELIVERED = "delivered";

    private final ActiveConnectors connectors;
    private final Shipments shipments;
    private final Outbox outbox;
    private final Events events;
    private final TransactionTemplate transaction;

    TrackingUpdates(
            ActiveConnectors connectors,
            Shipments shipments,
            Outbox outbox,
            Events events,
            TransactionTemplate transaction) {
        this.connectors = connectors;
        this.shipments = shipments;
        this.outbox = outbox;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * The webhook secret of the active carrier connector when it is of type easypost ({@code
     * EASYPOST_WEBHOOK_SECRET}, required by its schema); empty for any other carrier.
     */
    public Optional<String> easyPostWebhookSecret() {
        var carrier = connectors.get("carrier");
        String secret = carrier.setting("webhookSecret").asString("");
        return "easypost".equals(carrier.type()) && !secret.isEmpty() ? Optional.of(secret) : Optional.empty();
    }

    /**
     * An EasyPost event: a tracker's ({@code tracker.updated}, {@code tracker.created}) status is recorded; other
     * events are ignored. Returns how many shipments changed.
     */
    public int easyPostEvent(JsonNode event) {
        String description = event.path("description").asString("");
        JsonNode tracker = event.path("result");
        if (!description.startsWith("tracker.")
                || !"Tracker".equals(tracker.path("object").asString("Tracker"))) {
            return 0;
        }
        String code = tracker.path("tracking_code").asString("");
        String status = tracker.path("status").asString("");
        if (code.isBlank() || status.isBlank()) {
            return 0;
        }
        Instant deliveredAt = null;
        if (DELIVERED.equals(status)) {
            deliveredAt = Instant.now();
            for (JsonNode detail : tracker.path("tracking_details")) {
                if (DELIVERED.equals(detail.path("status").asString())
                        && !detail.path("datetime").asString("").isBlank()) {
                    deliveredAt = Instant.parse(detail.path("datetime").asString());
                }
            }
        }
        return record(code, status, deliveredAt);
    }

    /** Records a carrier status for a tracking code; {@code deliveredAt} when it is delivered. */
    int record(String trackingCode, String status, Instant deliveredAt) {
        Integer changed = transaction.execute(tx -> {
            int count = 0;
            List<CloudEvent> published = new ArrayList<>();
            for (Shipment shipment : shipments.lockByTrackingCode(trackingCode)) {
                boolean delivers = deliveredAt != null && !shipment.delivered();
                if (status.equals(shipment.trackingStatus()) && !delivers) {
                    continue;
                }
                Shipment updated = shipment.tracked(status, delivers ? deliveredAt : null);
                shipments.update(updated);
                count++;
                if (delivers) {
                    published.add(events.event(EventType.SHIPMENT_DELIVERED, updated.orderId(), updated));
                }
            }
            outbox.append(published);
            return count;
        });
        return changed == null ? 0 : changed;
    }
}
