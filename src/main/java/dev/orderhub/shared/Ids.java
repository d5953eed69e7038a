package dev.orderhub.shared;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
}
