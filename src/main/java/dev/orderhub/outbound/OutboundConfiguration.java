package dev.orderhub.outbound;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;

/**
 * The JMS transaction of the outbound routes ({@code transacted: ref: jmsTransaction}): every message a route sends
 * to the broker inside it is committed at once, so that a batch of the relay costs one broker commit. The
 * transaction manager stays out of the context, where it would take the database's place as the default one.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {
    @Bean
    SpringTransactionPolicy jmsTransaction(ConnectionFactory connectionFactory) {
        return new SpringTransactionPolicy(new JmsTransactionManager(connectionFactory));
    }
}
