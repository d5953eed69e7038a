package dev.orderhub.api;

/** What an API key may do; admin may do everything. */
public enum Role {
    INGEST, OPERATOR, ADMIN
}
