package dev.orderhub.broker;

import static dev.orderhub.support.HubTestContext.BROKER_ERP;
import static dev.orderhub.support.HubTestContext.BROKER_HUB;
import static dev.orderhub.support.HubTestContext.BROKER_OPERATOR;
import static dev.orderhub.support.HubTestContext.BROKER_PRODUCER;
import static dev.orderhub.support.HubTestContext.BROKER_SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext.BrokerUser;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Every permission of every broker role, allowed and refused, on the hub's real embedded broker over TCP. Messages
 * sent to a queue the hub consumes are sent while its route is stopped, seen there and taken off again, so that the
 * test leaves nothing behind.
 */
@HubTest
class BrokerSecurityIT {
    private static final String IN = "orderhub.orders.in";
    private static final String EVENTS = "orderhub.order-events";
    private static final String FULFILLMENT_ORDERS = "orderhub.erp.fulfillment-orders";
    private static final String CONFIRMATIONS = "orderhub.erp.confirmations";
    private static final String RETURN_ORDERS = "orderhub.erp.return-orders";
    private static final String RETURN_RECEIPTS = "orderhub.erp.return-receipts";
    private static final String DLQ = "DLQ.orderhub";
    private static final String MANAGEMENT = "activemq.management";
    private static final String MARKER = "brokerSecurityTest";

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    /** Closed last opened first. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @AfterEach
    void close() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    @Test
    void anAnonymousOrUnknownClientIsRefused() {
        String url = "tcp://127.0.0.1:" + environment.getRequiredProperty("orderhub.broker.port");
        try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(url)) {
            assertThatThrownBy(() -> anonymous.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        }
        try (ActiveMQConnectionFactory wrongPassword =
                new BrokerUser(BROKER_PRODUCER.name(), "guess").connectionFactory(url)) {
            assertThatThrownBy(() -> wrongPassword.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theProducerSendsOrdersAndNothingElse() throws Exception {
        Session session = session(BROKER_PRODUCER);
        assertSentAndTakenBack(session, IN, "channel-jms-canonical");

        refusedToSend(session, CONFIRMATIONS);
        refusedToSend(session, FULFILLMENT_ORDERS);
        refusedToPublish(session);
        refusedToConsume(session, IN);
        refusedToConsume(session, FULFILLMENT_ORDERS);
        refusedToSubscribe(session);
        refusedToBrowse(session, DLQ);
        refusedToManage(session);
    }

    @Test
    void theSubscriberSubscribesToEventsAndNothingElse() throws Exception {
        Session session = session(BROKER_SUBSCRIBER);
        MessageConsumer nonDurable = session.createConsumer(session.createTopic(EVENTS));
        nonDurable.close();
        String subscription = "broker-security-" + UUID.randomUUID();
        session.createSharedDurableConsumer(session.createTopic(EVENTS), subscription)
                .close();
        session.unsubscribe(subscription);

        // the hub's own subscription (partner documents) is not the subscriber's to take from
        refusedToConsume(session, EVENTS + "::orderhub-partner-edi");

        refusedToPublish(session);
        refusedToSend(session, IN);
        refusedToConsume(session, FULFILLMENT_ORDERS);
        refusedToConsume(session, RETURN_ORDERS);
        refusedToBrowse(session, DLQ);
        refusedToConsume(session, DLQ);
        refusedToManage(session);
    }

    @Test
    void theErpTakesFulfillmentAndReturnOrdersAndSendsConfirmationsAndReturnReceiptsAndNothingElse() throws Exception {
        // a consumer that is never started and buffers nothing: the sandbox ERP keeps every fulfillment order
        Session idle = session(BROKER_ERP, "?consumerWindowSize=0", false);
        idle.createConsumer(idle.createQueue(FULFILLMENT_ORDERS)).close();
        idle.createConsumer(idle.createQueue(RETURN_ORDERS)).close();
        Session session = session(BROKER_ERP);
        assertSentAndTakenBack(session, CONFIRMATIONS, "lifecycle-ship");
        assertSentAndTakenBack(session, RETURN_RECEIPTS, "erp-return-receipts");

        refusedToSend(session, FULFILLMENT_ORDERS);
        refusedToSend(session, RETURN_ORDERS);
        refusedToSend(session, IN);
        refusedToConsume(session, CONFIRMATIONS);
        refusedToConsume(session, RETURN_RECEIPTS);
        refusedToConsume(session, IN);
        refusedToSubscribe(session);
        refusedToBrowse(session, DLQ);
        refusedToManage(session);
    }

    @Test
    void theOperatorBrowsesDeadLettersAndNothingElse() throws Exception {
        Session session = session(BROKER_OPERATOR);
        try (QueueBrowser browser = session.createBrowser(session.createQueue(DLQ))) {
            assertThat(browser.getEnumeration()).isNotNull();
        }

        refusedToConsume(session, DLQ);
        refusedToSend(session, DLQ);
        refusedToSend(session, IN);
        refusedToBrowse(session, IN);
        refusedToBrowse(session, FULFILLMENT_ORDERS);
        refusedToConsume(session, FULFILLMENT_ORDERS);
        refusedToSubscribe(session);
        refusedToManage(session);
    }

    @Test
    void onlyTheHubsOwnUserManagesTheBroker() throws Exception {
        ActiveMQConnectionFactory factory = BROKER_HUB.connectionFactory(environment);
        opened.push(factory);
        QueueConnection connection = factory.createQueueConnection();
        opened.push(connection);
        connection.start();
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(session, session.createQueue(MANAGEMENT));
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.BROKER, "version");
        Message reply = requestor.request(request);
        assertThat(JMSManagementHelper.hasOperationSucceeded(reply)).isTrue();
        requestor.close();
    }

    private Session session(BrokerUser user) throws JMSException {
        return session(user, "", true);
    }

    private Session session(BrokerUser user, String options, boolean start) throws JMSException {
        ActiveMQConnectionFactory factory = user.connectionFactory(
                "tcp://127.0.0.1:" + environment.getRequiredProperty("orderhub.broker.port") + options);
        opened.push(factory);
        Connection connection = factory.createConnection();
        opened.push(connection);
        if (start) {
            connection.start();
        }
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Sends while the hub's consumer of the queue is stopped, then the hub's user finds the message and takes it. */
    private void assertSentAndTakenBack(Session session, String queue, String hubRoute) throws Exception {
        String marker = UUID.randomUUID().toString();
        camel.getRouteController().stopRoute(hubRoute);
        try {
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                TextMessage message = session.createTextMessage("{}");
                message.setStringProperty(MARKER, marker);
                producer.send(message);
            }
            Session hub = session(BROKER_HUB);
            Queue sent = hub.createQueue(queue);
            try (QueueBrowser browser = hub.createBrowser(sent, MARKER + " = '" + marker + "'")) {
                assertThat(Collections.list(browser.getEnumeration()))
                        .as("sent to %s", queue)
                        .hasSize(1);
            }
            try (MessageConsumer consumer = hub.createConsumer(sent, MARKER + " = '" + marker + "'")) {
                assertThat(consumer.receive(5000))
                        .as("taken back from %s", queue)
                        .isNotNull();
            }
        } finally {
            camel.getRouteController().startRoute(hubRoute);
        }
    }

    private static void refusedToSend(Session session, String queue) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            assertThatThrownBy(() -> producer.send(session.createTextMessage("{}")))
                    .as("send to %s", queue)
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    private static void refusedToPublish(Session session) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createTopic(EVENTS))) {
            assertThatThrownBy(() -> producer.send(session.createTextMessage("{}")))
                    .as("publish to %s", EVENTS)
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    private static void refusedToConsume(Session session, String queue) {
        assertThatThrownBy(
                        () -> session.createConsumer(session.createQueue(queue)).close())
                .as("consume from %s", queue)
                .isInstanceOf(JMSSecurityException.class);
    }

    private static void refusedToBrowse(Session session, String queue) {
        assertThatThrownBy(() -> {
                    try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                        browser.getEnumeration();
                    }
                })
                .as("browse %s", queue)
                .isInstanceOf(JMSSecurityException.class);
    }

    private static void refusedToSubscribe(Session session) {
        assertThatThrownBy(() ->
                        session.createConsumer(session.createTopic(EVENTS)).close())
                .as("subscribe to %s", EVENTS)
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> session.createSharedDurableConsumer(
                                session.createTopic(EVENTS), "refused-" + UUID.randomUUID())
                        .close())
                .as("subscribe durably to %s", EVENTS)
                .isInstanceOf(JMSSecurityException.class);
    }

    private static void refusedToManage(Session session) throws JMSException {
        refusedToSend(session, MANAGEMENT);
    }
}
