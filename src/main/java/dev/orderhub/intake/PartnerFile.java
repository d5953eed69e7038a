package dev.orderhub.intake;

import java.util.HashMap;
import java.util.Map;

/**
 * One delivery of a partner file as it is read: who sent it, its name, the delivery it is (see
 * {@link PartnerFiles#delivery}) and the route reading it. It names each failed item of this delivery by its position,
 * so that reading the delivery again after a crash finds the items recorded before.
 */
public final class PartnerFile {
    private final Partner partner;
    private final String name;
    private final String delivery;
    private final String routeId;
    /** How often each failed position came up in this reading: a file may repeat one (two sets with one ST02). */
    private final Map<String, Integer> failedPositions = new HashMap<>();

    public PartnerFile(Partner partner, String name, String delivery, String routeId) {
        this.partner = partner;
        this.name = name;
        this.delivery = delivery;
        this.routeId = routeId;
    }

    public Partner partner() {
        return partner;
    }

    public String name() {
        return name;
    }

    public String delivery() {
        return delivery;
    }

    public String routeId() {
        return routeId;
    }

    /** The failed item's name within this delivery: its position, and which time this reading met that position. */
    String failedItem(String position) {
        int occurrence = failedPositions.merge(position, 1, Integer::sum);
        return delivery + "/" + position + "/" + occurrence;
    }
}
