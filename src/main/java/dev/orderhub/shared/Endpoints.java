package dev.orderhub.shared;

/** The URIs of the hub's own routes that Java sends to, one constant each (the routes under routes/ declare them). */
public final class Endpoints {
    /** The asynchronous pipeline: runs every step an order's status allows (routes/lifecycle/pipeline.yaml). */
    public static final String LIFECYCLE_PIPELINE = "seda:lifecycle-pipeline";
    /** The synchronous chain of lifecycle steps, for a retried step. */
    public static final String LIFECYCLE_STEPS = "direct:lifecycle-steps";
    /** Where a JMS or Kafka message is replayed: a route of the hub's own, never the public queue or topic. */
    public static final String CHANNEL_REPLAY = "direct:channel-replay";
    /** Where a failed item of a partner file is replayed. */
    public static final String PARTNER_REPLAY = "direct:partner-replay";
    /** Sends a failed message to its source kind's dead-letter queue (routes/errors/error-policy.yaml). */
    public static final String DEAD_LETTER_SEND = "direct:dead-letter-send";
    /** Where a process exception's retry sends a parked outbox row's id. */
    public static final String OUTBOX_RETRY = "direct:outbox-retry";

    /** The invoicing step of a shipped order (header orderhubOrderId), as a confirmation from the ERP ends. */
    public static final String LIFECYCLE_INVOICE = "direct:lifecycle-invoice";

    private Endpoints() {}

    /** The route that sends an outbox destination's rows (routes/outbound/). */
    public static String outbound(String destination) {
        return "direct:outbound-" + destination;
    }
}
