package dev.orderhub.api;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderhub.security.*}: extra API keys with roles, the channels a key may post for and whether it may post
 * PREPAID orders (give each key by an env placeholder, never in a file), and where the generated key is written
 * when no key is configured.
 */
@ConfigurationProperties("orderhub.security")
record SecurityProperties(List<ApiKey> apiKeys, String generatedKeyFile) {
    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys;
        generatedKeyFile = generatedKeyFile == null ? "data/api-key" : generatedKeyFile;
    }

    /** One configured key; no channels means every channel. */
    public record ApiKey(String name, String key, Set<Role> roles, Set<String> channels, boolean prepaid) {}
}
