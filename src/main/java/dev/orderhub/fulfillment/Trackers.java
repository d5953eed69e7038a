package dev.orderhub.fulfillment;

import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.exception.Failures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every recorded shipment, whoever shipped it, gets a tracker at the carrier connector, asked for once the shipment
 * is committed, by the call protocol under key {@code <order>:track:<shipment id>:0}. A failure never undoes the
 * shipment: a permanent one (the carrier refuses the tracking code) is noted on the shipment and not asked again; a
 * transient one leaves the shipment untracked, and {@link #retry} (route lifecycle-trackers) asks again with the same
 * key once it has been untracked for a while.
 */
@Component("trackers")
public class Trackers {
    private static final Logger log = LoggerFactory.getLogger(Trackers.class);

    private final CarrierConnector carrier;
    private final ExternalCalls calls;
    private final Shipments shipments;
    private final Duration idle;

    Trackers(
            CarrierConnector carrier,
            ExternalCalls calls,
            Shipments shipments,
            @Value("${orderhub.pipeline.sweep-idle-seconds:30}") long idleSeconds) {
        this.carrier = carrier;
        this.calls = calls;
        this.shipments = shipments;
        this.idle = Duration.ofSeconds(idleSeconds);
    }

    /**
     * Records the tracker's intent in the transaction that records the shipment (README, "Money moves once"): asking
     * for it after the commit then costs no commit of its own first.
     */
    void intend(Shipment shipment) {
        if (trackable(shipment)) {
            calls.intend(call(shipment));
        }
    }

    /** Whether the carrier answers in the hub's own process (a sandbox), so that asking it leaves nothing. */
    boolean inProcess() {
        return carrier.policy().inProcess();
    }

    /**
     * Asks for the shipment's tracker; with no transaction open, or in one with the steps around it when the carrier
     * answers in-process. Never throws: the shipment stands.
     */
    public void track(Shipment shipment) {
        if (!trackable(shipment)) {
            return;
        }
        ExternalCalls.Call call = call(shipment);
        try {
            calls.call(
                    call,
                    carrier.policy(),
                    key -> carrier.track(key, shipment).path("reference").asString(),
                    new ExternalCalls.Attempts() {
                        @Override
                        public void answered(ExternalCalls.Call c, String trackerId) {
                            shipments.tracked(shipment, trackerId);
                        }

                        @Override
                        public void failed(ExternalCalls.Call c, RuntimeException failure) {
                            // the protocol's record keeps the intent; the shipment stays untracked
                        }
                    });
        } catch (RuntimeException failure) {
            if (Failures.isPermanent(failure)) {
                shipments.trackerRefused(shipment, failure.getMessage());
                log.warn(
                        "no tracker for shipment {} of {}: {}",
                        shipment.id(),
                        shipment.orderId(),
                        failure.getMessage());
            } else {
                log.warn(
                        "tracker for shipment {} of {} not made yet, asked again later: {}",
                        shipment.id(),
                        shipment.orderId(),
                        failure.toString());
            }
        }
    }

    private static boolean trackable(Shipment shipment) {
        return shipment.trackingNumber() != null && !shipment.trackingNumber().isBlank();
    }

    private static ExternalCalls.Call call(Shipment shipment) {
        return ExternalCalls.Call.of(shipment.orderId(), "TRACK", shipment.id(), BigDecimal.ZERO);
    }

    /** Asks again for the trackers of shipments left untracked by a transient failure; returns how many. */
    public int retry() {
        var untracked = shipments.untracked(Instant.now().minus(idle), 100);
        untracked.forEach(this::track);
        return untracked.size();
    }
}
