package dev.orderhub.order;

/** Where an order came from: the channel kind and its exact position (queue, topic/partition/offset, file/row, webhook id). */
public record Source(String kind, String position) {
    public static Source of(String kind, String position) {
        return new Source(kind, position);
    }
}
