package dev.orderhub.pipeline;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.store.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Re-drives orders left idle in a status the pipeline moves on by itself (after a crash or a restart), so that no
 * order waits on a message that was lost in flight. Orders that wait legitimately (backordered) are idle too: the
 * least recently swept go first, so that however many wait, a stranded one is re-driven within a few sweeps.
 */
@Component
class Sweeper {
    private final Orders orders;
    private final Pipeline pipeline;
    private final Duration idle;

    Sweeper(Orders orders, Pipeline pipeline, @Value("${orderhub.pipeline.sweep-idle-seconds:30}") long idleSeconds) {
        this.orders = orders;
        this.pipeline = pipeline;
        this.idle = Duration.ofSeconds(idleSeconds);
    }

    /** Returns how many orders were re-driven. */
    public int sweep() {
        Instant before = Instant.now().minus(idle);
        List<String> idleOrders = orders.idleIn(Lifecycle.redriven(), before, 500);
        orders.swept(idleOrders);
        idleOrders.forEach(pipeline::drive);
        return idleOrders.size();
    }
}
