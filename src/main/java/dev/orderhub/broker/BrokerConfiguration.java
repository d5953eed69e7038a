package dev.orderhub.broker;

import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * The embedded broker: persistent (Boot's data directory), a TCP acceptor for outside consumers, redelivery with
 * backoff for transacted routes, and {@code DLQ.orderhub} as the last resort of every orderhub queue.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
class BrokerConfiguration {
    static final String DEAD_LETTER_QUEUE = "DLQ.orderhub";
    private static final String ROLE = "orderhub";

    @Bean
    ArtemisConfigurationCustomizer orderhubBroker(BrokerProperties broker) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("tcp", "tcp://" + broker.bind() + ":" + broker.port()
                        + "?protocols=CORE");
            } catch (Exception invalid) {
                throw new IllegalStateException("invalid broker address " + broker.bind() + ":" + broker.port(), invalid);
            }
            AddressSettings settings = new AddressSettings()
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setRedeliveryDelay(broker.redeliveryDelayMs())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(30_000)
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE));
            configuration.addAddressSetting("orderhub.#", settings);
            configuration.setSecurityEnabled(!broker.loopback());
            if (!broker.loopback()) {
                if (broker.user() == null || broker.user().isBlank() || broker.password() == null
                        || broker.password().isBlank()) {
                    throw new IllegalStateException("orderhub.broker.bind is " + broker.bind()
                            + ": set ORDERHUB_BROKER_USER and ORDERHUB_BROKER_PASSWORD (required off loopback)");
                }
                configuration.putSecurityRoles("#", Set.of(new org.apache.activemq.artemis.core.security.Role(ROLE, true, true, true, true, true, true, true,
                        true, true, true, false, false)));
            }
        };
    }

    /** Off loopback, clients log in with the configured user (the hub's own in-VM client too). */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static BeanPostProcessor brokerSecurity(ObjectProvider<BrokerProperties> brokerProperties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (!(bean instanceof EmbeddedActiveMQ embedded)) {
                    return bean;
                }
                BrokerProperties broker = brokerProperties.getObject();
                if (!broker.loopback()) {
                    SecurityConfiguration users = new SecurityConfiguration();
                    users.addUser(broker.user(), broker.password());
                    users.addRole(broker.user(), ROLE);
                    embedded.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
                }
                return bean;
            }
        };
    }
}
