package dev.orderhub.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Message-level idempotency keys (files, interchanges, inventory records), enforced by the primary key. */
@Repository
public class Idempotency {
    private final JdbcClient jdbc;

    Idempotency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a key in the current transaction; false when it was claimed before. Run it inside a transaction whose
     * rollback should release the claim.
     */
    public boolean claim(String scope, String key, String targetId) {
        if (find(scope, key).isPresent()) {
            return false;
        }
        try {
            jdbc.sql(
                            "INSERT INTO idempotency_keys (scope, key_value, target_id, created_at) VALUES (:scope, :key, :target, :now)")
                    .param("scope", scope)
                    .param("key", key)
                    .param("target", targetId)
                    .param("now", Timestamp.from(Instant.now()))
                    .update();
            return true;
        } catch (DuplicateKeyException claimedConcurrently) {
            return false;
        }
    }

    public Optional<String> find(String scope, String key) {
        return jdbc.sql("SELECT target_id FROM idempotency_keys WHERE scope = :scope AND key_value = :key")
                .param("scope", scope)
                .param("key", key)
                .query((rs, n) -> String.valueOf(rs.getString(1)))
                .optional();
    }
}
