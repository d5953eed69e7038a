package dev.orderhub.broker;

import static org.apache.activemq.artemis.core.security.CheckType.BROWSE;
import static org.apache.activemq.artemis.core.security.CheckType.CONSUME;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_NON_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.DELETE_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.DELETE_NON_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.SEND;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;

/**
 * What a broker user other than the hub may do, address by address: these permissions and nothing more. The hub's own
 * user may do everything, management included.
 */
enum BrokerRole {
    /** Sends orders to the hub. */
    PRODUCER(Map.of("orderhub.orders.in", EnumSet.of(SEND))),
    /** Creates and consumes subscriptions of the order events topic, durable or not. */
    SUBSCRIBER(Map.of(
            "orderhub.order-events",
            EnumSet.of(
                    CONSUME,
                    CREATE_DURABLE_QUEUE,
                    DELETE_DURABLE_QUEUE,
                    CREATE_NON_DURABLE_QUEUE,
                    DELETE_NON_DURABLE_QUEUE))),
    /**
     * The ERP: takes fulfillment orders and answers with shipment confirmations; takes authorised return orders and
     * confirms their receipts.
     */
    ERP(Map.of(
            "orderhub.erp.fulfillment-orders",
            EnumSet.of(CONSUME),
            "orderhub.erp.confirmations",
            EnumSet.of(SEND),
            "orderhub.erp.return-orders",
            EnumSet.of(CONSUME),
            "orderhub.erp.return-receipts",
            EnumSet.of(SEND))),
    /** Looks at the dead letters without taking them. */
    OPERATOR(Map.of(BrokerConfiguration.DEAD_LETTER_QUEUE, EnumSet.of(BROWSE)));

    static final String HUB = "hub";

    /**
     * The hub's own subscriptions of the events topic, by fully qualified queue name (the partner documents'
     * subscription of routes/outbound/partner-edi.yaml): a subscriber may consume and remove its own subscriptions,
     * never these, or partners would miss their documents. Artemis applies a setting whose match is exactly a
     * queue's {@code address::queue} name before its address's.
     */
    static final Set<String> HUB_SUBSCRIPTIONS = Set.of("orderhub.order-events::orderhub-partner-edi");

    private final Map<String, Set<CheckType>> permissions;

    BrokerRole(Map<String, Set<CheckType>> permissions) {
        this.permissions = permissions;
    }

    /** The role name users are given on the broker. */
    String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The broker's security settings: address (or queue) match to the roles allowed there. Artemis applies only the most
     * specific match, so the hub's role is on every address a role names as well as on {@code #}.
     */
    static Map<String, Set<Role>> securitySettings() {
        Role hub = role(HUB, EnumSet.allOf(CheckType.class));
        Map<String, Set<Role>> settings = new HashMap<>();
        settings.put("#", Set.of(hub));
        HUB_SUBSCRIPTIONS.forEach(queue -> settings.put(queue, Set.of(hub)));
        for (BrokerRole brokerRole : values()) {
            brokerRole.permissions.forEach(
                    (address, allowed) -> settings.computeIfAbsent(address, a -> new HashSet<>(Set.of(hub)))
                            .add(role(brokerRole.roleName(), allowed)));
        }
        return settings;
    }

    private static Role role(String name, Set<CheckType> allowed) {
        Role role = new Role();
        role.setName(name);
        role.setSend(allowed.contains(CheckType.SEND));
        role.setConsume(allowed.contains(CheckType.CONSUME));
        role.setCreateAddress(allowed.contains(CheckType.CREATE_ADDRESS));
        role.setDeleteAddress(allowed.contains(CheckType.DELETE_ADDRESS));
        role.setCreateDurableQueue(allowed.contains(CheckType.CREATE_DURABLE_QUEUE));
        role.setDeleteDurableQueue(allowed.contains(CheckType.DELETE_DURABLE_QUEUE));
        role.setCreateNonDurableQueue(allowed.contains(CheckType.CREATE_NON_DURABLE_QUEUE));
        role.setDeleteNonDurableQueue(allowed.contains(CheckType.DELETE_NON_DURABLE_QUEUE));
        role.setManage(allowed.contains(CheckType.MANAGE));
        role.setBrowse(allowed.contains(CheckType.BROWSE));
        role.setView(allowed.contains(CheckType.VIEW));
        role.setEdit(allowed.contains(CheckType.EDIT));
        return role;
    }
}
