package dev.orderhub.shared;

/**
 * The names of the message headers the hub sets and reads, one constant each. The routes (the YAML under routes/)
 * spell the same names out, since YAML cannot name a Java constant: {@code orderhubOrderId} (lifecycle and ship
 * routes, order events), {@code orderhubStepCategory} (every step, the error policy), {@code orderhubPartner}
 * (partner files and partner EDI), {@code orderhubPeNumber}, {@code orderhubDeadLetter},
 * {@code orderhubErrorMessage} and {@code orderhubSourceKind} (the error policy, the outbox retry),
 * {@code orderhubEventType}, {@code orderhubChannel} (order events' subscribers). Subscribers and dead-letter
 * readers see them as message properties (README, Messaging contract): renaming one breaks them.
 */
public final class Headers {
    /** The order a message is about: the step routes' input, an order event's, a channel's answer. */
    public static final String ORDER_ID = "orderhubOrderId";
    /** On a channel's answer: whether the message made a new order (false for a duplicate). */
    public static final String CREATED = "orderhubCreated";
    /** The mapping a channel route names for its native JSON. */
    public static final String MAPPING = "orderhubMapping";

    /** The partner a file came from, or whose outbound route takes a document. */
    public static final String PARTNER = "orderhubPartner";
    /** The format of a failed item of a partner file (csv-tree, sfcc-tree, x12-set), which picks its replay. */
    public static final String FORMAT = "orderhubFormat";
    /** Where a failed item stood in its file (rows, document, set). */
    public static final String POSITION = "orderhubPosition";
    /** The ISA envelope of a failed X12 set, kept for its replay. */
    public static final String X12_INTERCHANGE = "orderhubX12Interchange";
    /** The GS envelope of a failed X12 set, kept for its replay. */
    public static final String X12_GROUP = "orderhubX12Group";

    /** An order event's CloudEvents type. */
    public static final String EVENT_TYPE = "orderhubEventType";
    /** The channel of an order event's order. */
    public static final String CHANNEL = "orderhubChannel";
    /** The source kind (jms, kafka, file; an order event's: its order's), which picks the dead-letter queue. */
    public static final String SOURCE_KIND = "orderhubSourceKind";
    /** A return order's RMA number, on the messages of orderhub.erp.return-orders. */
    public static final String RETURN_ORDER = "orderhubReturnOrder";
    /** The fulfillment order an ERP message is about. */
    public static final String FULFILLMENT_ORDER_ID = "orderhubFulfillmentOrderId";
    /** The outbox row a parked message stands for. */
    public static final String OUTBOX_ID = "orderhubOutboxId";

    /** The process exception a message failed as, or (on a replayed message) the one it replays. */
    public static final String PE_NUMBER = "orderhubPeNumber";
    /** Whether the route dead-letters the message (a failed replay is already there). */
    public static final String DEAD_LETTER = "orderhubDeadLetter";
    /** A dead letter's failure: its exception class. */
    public static final String ERROR_CLASS = "orderhubErrorClass";
    /** A dead letter's failure: what went wrong. */
    public static final String ERROR_MESSAGE = "orderhubErrorMessage";
    /** A dead letter's failure: the route it failed in. */
    public static final String ROUTE_ID = "orderhubRouteId";
    /** A dead letter's failure: how often it was tried. */
    public static final String ATTEMPTS = "orderhubAttempts";
    /** A dead letter's failure: when it first failed. */
    public static final String FIRST_FAILURE = "orderhubFirstFailure";

    /** Not a header but the exchange property a step route sets first: its failures' process-exception category. */
    public static final String STEP_CATEGORY = "orderhubStepCategory";

    private Headers() {}
}
