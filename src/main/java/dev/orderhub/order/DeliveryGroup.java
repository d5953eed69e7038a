package dev.orderhub.order;

import java.time.LocalDate;

/** Lines shipped together to one address by one method. */
public record DeliveryGroup(String id, Address shipTo, String method, LocalDate desiredDeliveryDate) {}
