package dev.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The error policy's dead-letter routing: a recorded failure's original goes to the dead-letter queue of its kind. */
class DeadLetterRoutingTest extends YamlRouteTestSupport {

    @BeforeEach
    void startRoutes() throws Exception {
        start();
    }

    @Override
    void advise() {}

    @Test
    void kafkaFailureGoesToTheKafkaDeadLetterTopic() throws Exception {
        MockEndpoint kafka = getMockEndpoint(KAFKA_DLQ);
        MockEndpoint jms = getMockEndpoint(JMS_DLQ);
        kafka.expectedBodiesReceived("{\"bad\"");
        kafka.expectedHeaderReceived(Headers.PE_NUMBER, "PE-7");
        jms.expectedMessageCount(0);

        send("{\"bad\"", Map.of(Headers.SOURCE_KIND, "kafka", Headers.DEAD_LETTER, true, Headers.PE_NUMBER, "PE-7"));

        MockEndpoint.assertIsSatisfied(kafka, jms);
    }

    @Test
    void jmsAndFileFailuresGoToTheJmsDeadLetterQueue() throws Exception {
        MockEndpoint kafka = getMockEndpoint(KAFKA_DLQ);
        MockEndpoint jms = getMockEndpoint(JMS_DLQ);
        jms.expectedBodiesReceived("from a queue", "from a file");
        kafka.expectedMessageCount(0);

        send("from a queue", Map.of(Headers.SOURCE_KIND, "jms", Headers.DEAD_LETTER, true));
        send("from a file", Map.of(Headers.SOURCE_KIND, "file", Headers.DEAD_LETTER, true));

        MockEndpoint.assertIsSatisfied(kafka, jms);
    }

    @Test
    void failedReplayIsDeadLetteredNowhere() throws Exception {
        MockEndpoint kafka = getMockEndpoint(KAFKA_DLQ);
        MockEndpoint jms = getMockEndpoint(JMS_DLQ);
        kafka.expectedMessageCount(0);
        jms.expectedMessageCount(0);

        send("replayed", Map.of(Headers.SOURCE_KIND, "kafka", Headers.DEAD_LETTER, false, Headers.PE_NUMBER, "PE-3"));
        send("replayed", Map.of(Headers.SOURCE_KIND, "jms", Headers.DEAD_LETTER, false, Headers.PE_NUMBER, "PE-4"));

        MockEndpoint.assertIsSatisfied(kafka, jms);
    }

    private void send(String body, Map<String, Object> headers) {
        NotifyBuilder sent = new NotifyBuilder(context)
                .fromRoute("errors-dead-letter-send")
                .whenCompleted(1)
                .create();
        template.sendBodyAndHeaders(Endpoints.DEAD_LETTER_SEND, body, headers);
        assertThat(sent.matches(5, TimeUnit.SECONDS))
                .as("dead-letter routing completed")
                .isTrue();
    }
}
