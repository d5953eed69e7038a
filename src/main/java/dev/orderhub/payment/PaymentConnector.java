package dev.orderhub.payment;

import dev.orderhub.connector.ConnectorPolicy;

/** The active gateway with its connector's policy (retries, circuit breaker). */
record PaymentConnector(PaymentGateway gateway, ConnectorPolicy policy) {}
