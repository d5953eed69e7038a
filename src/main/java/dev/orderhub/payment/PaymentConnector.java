package dev.orderhub.payment;

import dev.orderhub.connector.ConnectorRetry;

/** The active gateway with its connector's retry policy. */
record PaymentConnector(PaymentGateway gateway, ConnectorRetry retry) {}
