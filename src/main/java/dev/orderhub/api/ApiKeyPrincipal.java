package dev.orderhub.api;

import dev.orderhub.order.Order;
import dev.orderhub.order.PaymentMethod;
import java.util.Set;

/**
 * Who presented an API key: its name, roles, the channels it may post orders for (empty: every channel) and
 * whether it may post PREPAID orders (the hub then trusts the poster's claim that the money was taken).
 */
record ApiKeyPrincipal(String name, Set<Role> roles, Set<String> channels, boolean prepaid) {
    public ApiKeyPrincipal {
        roles = Set.copyOf(roles);
        channels = Set.copyOf(channels);
    }

    /** A key limited to channels posts only their orders, so that it cannot claim another channel's order ids. */
    void checkChannel(Order order) {
        if (!channels.isEmpty() && !channels.contains(order.channel())) {
            throw new IngestRefusedException(
                    "channel", "this API key may not post orders of channel " + order.channel());
        }
    }

    /** A canonical PREPAID order says the money was taken elsewhere: only a key trusted for that may say so. */
    void checkPrepaid(Order order) {
        if (!prepaid && order.payment() != null && order.payment().method() == PaymentMethod.PREPAID) {
            throw new IngestRefusedException("prepaid", "this API key may not post PREPAID orders");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
