package dev.orderhub.edi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Control numbers from 1, kept in memory: for writer tests, which need no database. */
final class InMemoryControlNumbers implements ControlNumbers {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public long next(String partnerId, String kind) {
        return counters.computeIfAbsent(partnerId + "/" + kind, k -> new AtomicLong())
                .incrementAndGet();
    }
}
