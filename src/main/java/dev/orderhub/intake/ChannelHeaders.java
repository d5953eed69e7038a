package dev.orderhub.intake;

import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a channel takes from a message's own headers: data, never the hub's. The channel endpoints name these
 * filters ({@code headerFilterStrategy: "#jmsChannelHeaders"}), which drop every {@code orderhub*} and Camel header a
 * sender sets before the route (or its error policy, which works on the original message) sees it. A replay proves
 * it is one by arriving on a direct route no outside client reaches.
 */
@Configuration(proxyBeanMethods = false)
class ChannelHeaders {

    @Bean
    HeaderFilterStrategy jmsChannelHeaders() {
        return new HubHeadersDropped(new JmsHeaderFilterStrategy());
    }

    @Bean
    HeaderFilterStrategy kafkaChannelHeaders() {
        return new HubHeadersDropped(new KafkaHeaderFilterStrategy());
    }

    /** The transport's own filter, plus: headers named like the hub's are not taken in (in any letter case). */
    record HubHeadersDropped(HeaderFilterStrategy transport) implements HeaderFilterStrategy {
        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return transport.applyFilterToCamelHeaders(name, value, exchange);
        }

        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            return isHubs(name) || transport.applyFilterToExternalHeaders(name, value, exchange);
        }

        static boolean isHubs(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.startsWith("orderhub") || lower.startsWith("camel") || lower.startsWith("org.apache.camel.");
        }
    }
}
