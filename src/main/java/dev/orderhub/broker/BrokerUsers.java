package dev.orderhub.broker;

import dev.orderhub.datadir.OwnerOnly;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;

/**
 * Who may log in to the embedded broker: the hub's own user (password from env, or generated once into a file) and
 * the configured users, each with its role. There is no anonymous or default user.
 */
class BrokerUsers {
    private final BrokerProperties broker;
    private final String hubPassword;

    BrokerUsers(BrokerProperties broker) {
        this.broker = broker;
        Set<String> names = new HashSet<>(Set.of(broker.user()));
        for (int n = 0; n < broker.users().size(); n++) {
            BrokerProperties.User user = broker.users().get(n);
            String property = "orderhub.broker.users[" + n + "]";
            if (blank(user.name()) || blank(user.password()) || user.role() == null) {
                throw new IllegalStateException(
                        property + " needs a name, a password and a role (one of " + Set.of(BrokerRole.values()) + ")");
            }
            if (!names.add(user.name())) {
                throw new IllegalStateException(property + ": user '" + user.name() + "' is already defined");
            }
        }
        hubPassword = blank(broker.password())
                ? OwnerOnly.secret(Path.of(broker.generatedPasswordFile()), "broker password")
                : broker.password();
    }

    String hubUser() {
        return broker.user();
    }

    String hubPassword() {
        return hubPassword;
    }

    SecurityConfiguration securityConfiguration() {
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(broker.user(), hubPassword);
        users.addRole(broker.user(), BrokerRole.HUB);
        for (BrokerProperties.User user : broker.users()) {
            users.addUser(user.name(), user.password());
            users.addRole(user.name(), user.role().roleName());
        }
        return users;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
