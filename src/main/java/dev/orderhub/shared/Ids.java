package dev.orderhub.shared;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Time-ordered identifiers (UUID version 7: 48 bits of Unix milliseconds, then random bits) for rows written on the
 * hot path: new keys land at the end of their index instead of anywhere in it, and making one takes no lock
 * (unlike {@link UUID#randomUUID()}, whose SecureRandom threads contend on). They identify; they are not secrets.
 */
public final class Ids {
    private Ids() {}

    public static String timeOrdered() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The next number of a document a person reads and quotes (INV-00000001, CM-…, RMA-…): the prefix and the next
     * value of its database sequence, eight digits at least.
     */
    public static String nextNumber(JdbcClient jdbc, String sequence, String prefix) {
        long next =
                jdbc.sql("SELECT nextval('" + sequence + "')").query(Long.class).single();
        return String.format("%s-%08d", prefix, next);
    }
}
