package dev.orderhub.store;

/** No order has this id. */
public class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String id) {
        super("no order " + id);
    }
}
