package dev.orderhub.broker;

import dev.orderhub.datadir.OwnerOnly;
import jakarta.jms.ConnectionFactory;
import java.io.File;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * The embedded broker: persistent (Boot's data directory, owner-only), a TCP acceptor for outside clients, every client
 * logged in with the permissions of its {@link BrokerRole}, redelivery with backoff for transacted routes, and
 * {@code DLQ.orderhub} as the last resort of every orderhub queue.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
class BrokerConfiguration {
    static final String DEAD_LETTER_QUEUE = "DLQ.orderhub";

    @Bean
    ArtemisConfigurationCustomizer orderhubBroker(BrokerProperties broker) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration(
                        "tcp", "tcp://" + broker.bind() + ":" + broker.port() + "?protocols=CORE");
            } catch (Exception invalid) {
                throw new IllegalStateException(
                        "invalid broker address " + broker.bind() + ":" + broker.port(), invalid);
            }
            AddressSettings settings = new AddressSettings()
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setRedeliveryDelay(broker.redeliveryDelayMs())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(30_000)
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE));
            configuration.addAddressSetting("orderhub.#", settings);
            // every journal sync (a transacted commit) waits for the buffer's timeout: sized to the disk, not the
            // default
            int timeoutNanos = Math.toIntExact(broker.journalBufferTimeoutUs() * 1000);
            configuration.setJournalBufferTimeout_NIO(timeoutNanos);
            configuration.setJournalBufferTimeout_AIO(timeoutNanos);
            configuration.setSecurityEnabled(true);
            configuration.setSecurityRoles(BrokerRole.securitySettings());
            for (File directory : List.of(
                    configuration.getJournalLocation(),
                    configuration.getBindingsLocation(),
                    configuration.getPagingLocation(),
                    configuration.getLargeMessagesLocation())) {
                OwnerOnly.directories(directory.toPath());
            }
        };
    }

    /** Created on first use only: in native mode the hub neither runs a broker nor generates its password. */
    @Bean
    @Lazy
    BrokerUsers brokerUsers(BrokerProperties broker) {
        return new BrokerUsers(broker);
    }

    /**
     * The embedded broker logs every client in against {@link BrokerUsers}; the hub's own in-VM client, which Boot
     * creates without credentials, logs in as the hub's user.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static BeanPostProcessor brokerSecurity(ObjectProvider<BrokerUsers> brokerUsers) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ embedded) {
                    embedded.setSecurityManager(new ActiveMQJAASSecurityManager(
                            InVMLoginModule.class.getName(),
                            brokerUsers.getObject().securityConfiguration()));
                }
                ConnectionFactory target = bean instanceof SingleConnectionFactory single
                        ? single.getTargetConnectionFactory()
                        : bean instanceof ConnectionFactory plain ? plain : null;
                if (target instanceof ActiveMQConnectionFactory artemis && artemis.getUser() == null) {
                    BrokerUsers users = brokerUsers.getObject();
                    artemis.setUser(users.hubUser());
                    artemis.setPassword(users.hubPassword());
                }
                return bean;
            }
        };
    }
}
