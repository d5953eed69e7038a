package dev.orderhub.order;

/** A postal address; country is ISO 3166-1 alpha-2, region required for US and CA. */
public record Address(
        String name, String line1, String line2, String city, String region, String postalCode, String country) {}
