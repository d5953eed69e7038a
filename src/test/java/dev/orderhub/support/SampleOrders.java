package dev.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** README's sample order (examples/order.json) with a fresh external id, so tests never collide. */
public final class SampleOrders {
    private SampleOrders() {}

    public static String readme() {
        try {
            return Files.readString(Path.of("examples", "order.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The README order with another externalOrderId. */
    public static String withExternalId(String externalOrderId) {
        return readme().replace("\"PO-2291\"", "\"" + externalOrderId + "\"");
    }

    public static String fresh() {
        return withExternalId("PO-" + UUID.randomUUID());
    }
}
