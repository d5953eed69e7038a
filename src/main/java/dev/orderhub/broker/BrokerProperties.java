package dev.orderhub.broker;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderhub.broker.*}: where the embedded Artemis broker accepts outside clients and who may log in. The hub's
 * own user ({@code user}, {@code password}; the password generated into {@code generatedPasswordFile} when not set)
 * may do everything; every other user has one {@link BrokerRole}.
 */
@ConfigurationProperties("orderhub.broker")
record BrokerProperties(
        String bind,
        int port,
        String user,
        String password,
        String generatedPasswordFile,
        List<User> users,
        int maxDeliveryAttempts,
        long redeliveryDelayMs) {
    public BrokerProperties {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        port = port == 0 ? 61616 : port;
        user = user == null || user.isBlank() ? "orderhub" : user;
        generatedPasswordFile = generatedPasswordFile == null ? "data/broker-password" : generatedPasswordFile;
        users = users == null ? List.of() : List.copyOf(users);
        maxDeliveryAttempts = maxDeliveryAttempts == 0 ? 5 : maxDeliveryAttempts;
        redeliveryDelayMs = redeliveryDelayMs == 0 ? 500 : redeliveryDelayMs;
    }

    /** {@code orderhub.broker.users[n]}: a client of the broker with its one role. */
    public record User(String name, String password, BrokerRole role) {}
}
