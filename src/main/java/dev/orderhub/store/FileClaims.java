package dev.orderhub.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Claims on partner file deliveries, one row a delivery, inserted before the file is read (the primary key makes
 * one instance the owner) and finished after. A claim whose owner has not touched it for the claim timeout is
 * taken over: that owner crashed. Each call commits on its own, so that other instances see the claim at once.
 */
@Repository
public class FileClaims {
    /** What a claim attempt found. */
    public enum Claim {
        /** This instance owns the delivery now: a new claim. */
        CLAIMED,
        /** This instance owns the delivery now: taken over from an owner that stopped touching it. */
        TAKEN_OVER,
        /** The delivery was processed (or failed for good) before. */
        FINISHED,
        /** Another owner is processing it now. */
        HELD
    }

    private final JdbcClient jdbc;

    FileClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Claim claim(String key, String partnerId, String fileName, String owner, Duration timeout) {
        Instant now = Instant.now();
        try {
            jdbc.sql("""
                    INSERT INTO partner_file_claims (claim_key, partner_id, file_name, claimed_by, claimed_at)
                    VALUES (:key, :partner, :name, :owner, :now)""")
                    .param("key", key)
                    .param("partner", partnerId)
                    .param("name", fileName)
                    .param("owner", owner)
                    .param("now", Timestamp.from(now))
                    .update();
            return Claim.CLAIMED;
        } catch (DuplicateKeyException claimedBefore) {
            int taken = jdbc.sql("""
                    UPDATE partner_file_claims SET claimed_by = :owner, claimed_at = :now
                    WHERE claim_key = :key AND finished_at IS NULL AND claimed_at < :stale""")
                    .param("owner", owner)
                    .param("now", Timestamp.from(now))
                    .param("key", key)
                    .param("stale", Timestamp.from(now.minus(timeout)))
                    .update();
            if (taken == 1) {
                return Claim.TAKEN_OVER;
            }
            return outcome(key).isPresent() ? Claim.FINISHED : Claim.HELD;
        }
    }

    /**
     * Takes over an unfinished claim whose holder {@code gone} says has ended (a run on this host that crashed),
     * without waiting for the claim timeout; false when it is finished, taken by another, or its holder may be alive.
     */
    public boolean takeOverFrom(String key, String owner, Predicate<String> gone) {
        Optional<String> holder = jdbc.sql(
                        "SELECT claimed_by FROM partner_file_claims WHERE claim_key = :key AND finished_at IS NULL")
                .param("key", key)
                .query(String.class)
                .optional();
        return holder.filter(gone).isPresent()
                && jdbc.sql("""
                                UPDATE partner_file_claims SET claimed_by = :owner, claimed_at = :now
                                WHERE claim_key = :key AND claimed_by = :holder AND finished_at IS NULL""")
                                .param("owner", owner)
                                .param("now", Timestamp.from(Instant.now()))
                                .param("key", key)
                                .param("holder", holder.get())
                                .update()
                        == 1;
    }

    /** Shows that the owner is alive (the claim is not taken over while it keeps touching it). */
    public void touch(String key, String owner) {
        jdbc.sql(
                        "UPDATE partner_file_claims SET claimed_at = :now WHERE claim_key = :key AND claimed_by = :owner AND finished_at IS NULL")
                .param("now", Timestamp.from(Instant.now()))
                .param("key", key)
                .param("owner", owner)
                .update();
    }

    public void finish(String key, String owner, String outcome) {
        jdbc.sql("""
                UPDATE partner_file_claims SET finished_at = :now, outcome = :outcome
                WHERE claim_key = :key AND claimed_by = :owner AND finished_at IS NULL""")
                .param("now", Timestamp.from(Instant.now()))
                .param("outcome", outcome)
                .param("key", key)
                .param("owner", owner)
                .update();
    }

    /** The outcome of a finished claim; empty while it is unfinished or when there is none. */
    Optional<String> outcome(String key) {
        return jdbc.sql("SELECT outcome FROM partner_file_claims WHERE claim_key = :key AND finished_at IS NOT NULL")
                .param("key", key)
                .query(String.class)
                .optional();
    }
}
