package dev.orderhub.intake;

/** Told once a new order is stored (after its transaction committed), e.g. to start its pipeline. */
public interface IntakeListener {
    void received(String orderId);
}
