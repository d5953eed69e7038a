package dev.orderhub.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderhub.broker.*}: where the embedded Artemis broker accepts outside clients. Anonymous while bound to
 * loopback; a user and password (from env) are required once it is bound to any other address.
 */
@ConfigurationProperties("orderhub.broker")
public record BrokerProperties(String bind, int port, String user, String password, int maxDeliveryAttempts,
        long redeliveryDelayMs) {
    public BrokerProperties {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        port = port == 0 ? 61616 : port;
        maxDeliveryAttempts = maxDeliveryAttempts == 0 ? 5 : maxDeliveryAttempts;
        redeliveryDelayMs = redeliveryDelayMs == 0 ? 500 : redeliveryDelayMs;
    }

    boolean loopback() {
        return bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
    }
}
