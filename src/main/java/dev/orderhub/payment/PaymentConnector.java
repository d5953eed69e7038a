package dev.orderhub.payment;

import dev.orderhub.connector.RetryPolicy;

/** The active gateway with its connector's retry policy. */
record PaymentConnector(PaymentGateway gateway, RetryPolicy retry) {
}
