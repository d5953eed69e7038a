package dev.orderhub.broker;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderhub.broker.*}: where the embedded Artemis broker accepts outside clients and who may log in. The hub's
 * own user ({@code user}, {@code password}; the password generated into {@code generatedPasswordFile} when not set)
 * may do everything; every other user has one {@link BrokerRole}. {@code journalBufferTimeoutUs}: how long the journal
 * gathers writes before one disk sync serves them all (Artemis's own default, 3,333 µs, suits a slow disk; a commit
 * waits for it).
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
        long redeliveryDelayMs,
        Long journalBufferTimeoutUs) {
    public BrokerProperties {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        port = port == 0 ? 61616 : port;
        user = user == null || user.isBlank() ? "orderhub" : user;
        generatedPasswordFile = generatedPasswordFile == null ? "data/broker-password" : generatedPasswordFile;
        users = users == null ? List.of() : List.copyOf(users);
        maxDeliveryAttempts = maxDeliveryAttempts == 0 ? 5 : maxDeliveryAttempts;
        redeliveryDelayMs = redeliveryDelayMs == 0 ? 500 : redeliveryDelayMs;
        journalBufferTimeoutUs =
                journalBufferTimeoutUs == null ? DEFAULT_JOURNAL_BUFFER_TIMEOUT_US : journalBufferTimeoutUs;
        if (journalBufferTimeoutUs < 0) {
            throw new IllegalArgumentException("orderhub.broker.journal-buffer-timeout-us must not be negative");
        }
    }

    static final long DEFAULT_JOURNAL_BUFFER_TIMEOUT_US = 500;

    /** {@code orderhub.broker.users[n]}: a client of the broker with its one role. */
    public record User(String name, String password, BrokerRole role) {}
}
