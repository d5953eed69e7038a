package dev.orderhub.broker;

import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An Artemis broker of its own, in the test JVM, as operations would run one for hubs in native mode: a TCP acceptor,
 * a persistent journal, the hub's queues and topic, the hub's redelivery and dead-letter settings, and security on
 * with the roles of {@link BrokerRole} — the hub's user may do everything, every other user has one role.
 */
public final class ExternalBroker implements AutoCloseable {
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port;

    /** Starts the broker; the hub's user may do everything, a producer and a subscriber what their role allows. */
    public ExternalBroker(
            Path directory,
            int port,
            String hubUser,
            String hubPassword,
            String producer,
            String producerPassword,
            String subscriber,
            String subscriberPassword)
            throws Exception {
        List<BrokerProperties.User> users = List.of(
                new BrokerProperties.User(producer, producerPassword, BrokerRole.PRODUCER),
                new BrokerProperties.User(subscriber, subscriberPassword, BrokerRole.SUBSCRIBER));
        this.port = port;
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("external-" + port);
        configuration.setPersistenceEnabled(true);
        configuration.setJournalType(JournalType.NIO);
        configuration.setJournalDirectory(directory.resolve("journal").toString());
        configuration.setBindingsDirectory(directory.resolve("bindings").toString());
        configuration.setPagingDirectory(directory.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(
                directory.resolve("large-messages").toString());
        configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        configuration.addAddressSetting(
                "orderhub.#",
                new AddressSettings()
                        .setMaxDeliveryAttempts(5)
                        .setRedeliveryDelay(500)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(30_000)
                        .setDeadLetterAddress(SimpleString.of(BrokerConfiguration.DEAD_LETTER_QUEUE)));
        for (String queue : new String[] {
            "orderhub.orders.in",
            "orderhub.erp.fulfillment-orders",
            "orderhub.erp.confirmations",
            BrokerConfiguration.DEAD_LETTER_QUEUE
        }) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
        configuration.addAddressConfiguration(
                new CoreAddressConfiguration().setName("orderhub.order-events").addRoutingType(RoutingType.MULTICAST));
        configuration.setSecurityEnabled(true);
        configuration.setSecurityRoles(BrokerRole.securitySettings());
        SecurityConfiguration logins = new SecurityConfiguration();
        logins.addUser(hubUser, hubPassword);
        logins.addRole(hubUser, BrokerRole.HUB);
        for (BrokerProperties.User user : users) {
            logins.addUser(user.name(), user.password());
            logins.addRole(user.name(), user.role().roleName());
        }
        server.setConfiguration(configuration);
        server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), logins));
        server.start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
