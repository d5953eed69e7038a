package dev.orderhub.support;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One in-process Kafka broker (KRaft, no ZooKeeper) per test run, with the hub's topics. */
public final class Kafka {
    private static EmbeddedKafkaKraftBroker broker;

    private Kafka() {}

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.afterPropertiesSet();
            broker.addTopics(
                    new NewTopic("orderhub.orders.in", 3, (short) 1),
                    new NewTopic("orderhub.inventory.in", 1, (short) 1),
                    new NewTopic("orderhub.dlq", 1, (short) 1),
                    new NewTopic("orderhub.order-events", 3, (short) 1));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
        return broker.getBrokersAsString();
    }
}
