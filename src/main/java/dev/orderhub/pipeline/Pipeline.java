package dev.orderhub.pipeline;

import dev.orderhub.intake.IntakeListener;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts a new order's pipeline in-process once it is stored; the stored status is the truth, so a lost trigger
 * only delays an order until the sweeper re-drives it.
 */
@Component
public class Pipeline implements IntakeListener {
    private final ProducerTemplate producer;

    Pipeline(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void received(String orderId) {
        drive(orderId);
    }

    /** Runs the pipeline for an order asynchronously. */
    public void drive(String orderId) {
        producer.sendBodyAndHeader(Endpoints.LIFECYCLE_PIPELINE, orderId, Headers.ORDER_ID, orderId);
    }
}
