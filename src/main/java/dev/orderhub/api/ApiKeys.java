package dev.orderhub.api;

import dev.orderhub.datadir.OwnerOnly;
import dev.orderhub.shared.Sha256;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The API keys the hub accepts, kept only as SHA-256 digests. Env {@code ORDERHUB_API_KEY} gives one key with
 * every role, every channel and PREPAID; {@code orderhub.security.api-keys} more; with none, such a key is
 * generated once into a file.
 */
@Component
class ApiKeys {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final Map<String, ApiKeyPrincipal> principalsByDigest = new HashMap<>();

    public ApiKeys(Environment environment, SecurityProperties properties) {
        String envKey = environment.getProperty("ORDERHUB_API_KEY");
        if (envKey != null && !envKey.isBlank()) {
            principalsByDigest.put(digest(envKey), owner("ORDERHUB_API_KEY"));
        }
        for (SecurityProperties.ApiKey key : properties.apiKeys()) {
            if (key.key() == null || key.key().isBlank()) {
                log.warn("API key '{}' has no value and is ignored", key.name());
                continue;
            }
            principalsByDigest.put(
                    digest(key.key()),
                    new ApiKeyPrincipal(
                            key.name(),
                            key.roles() == null ? Set.of() : key.roles(),
                            key.channels() == null ? Set.of() : key.channels(),
                            key.prepaid()));
        }
        if (principalsByDigest.isEmpty()) {
            String generated = OwnerOnly.secret(Path.of(properties.generatedKeyFile()), "API key");
            principalsByDigest.put(digest(generated), owner("generated"));
        }
    }

    /** Who presented a key, or empty when the key is unknown. */
    public Optional<ApiKeyPrincipal> principal(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(principalsByDigest.get(digest(presentedKey)));
    }

    /** The one key of a hub configured with a single key: it may do everything. */
    private static ApiKeyPrincipal owner(String name) {
        return new ApiKeyPrincipal(name, EnumSet.allOf(Role.class), Set.of(), true);
    }

    private static String digest(String key) {
        return Sha256.hex(key.trim());
    }
}
