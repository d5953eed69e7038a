package dev.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.exception.DeadLetters;
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
    void advise() {
    }

    @Test
    void kafkaFailureGoesToTheKafkaDeadLetterTopic() throws Exception {
        MockEndpoint kafka = getMockEndpoint(KAFKA_DLQ);
        MockEndpoint jms = getMockEndpoint(JMS_DLQ);
        kafka.expectedBodiesReceived("{\"bad\"");
        kafka.expectedHeaderReceived(DeadLetters.PE_NUMBER, "PE-7");
        jms.expectedMessageCount(0);

        send("{\"bad\"", Map.of(DeadLetters.SOURCE_KIND, "kafka", DeadLetters.DEAD_LETTER, true,
                DeadLetters.PE_NUMBER, "PE-7"));

        MockEndpoint.assertIsSatisfied(kafka, jms);
    }

    @Test
    void jmsAndFileFailuresGoToTheJmsDeadLetterQueue() throws Exception {
        MockEndpoint kafka = getMockEndpoint(KAFKA_DLQ);
        MockEndpoint jms = getMockEndpoint(JMS_DLQ);
        jms.expectedBodiesReceived("from a queue", "from a file");
        kafka.expectedMessageCount(0);

        send("from a queue", Map.of(DeadLetters.SOURCE_KIND, "jms", DeadLetters.DEAD_LETTER, true));
        send("from a file", Map.of(DeadLetters.SOURCE_KIND, "file", DeadLetters.DEAD_LETTER, true));

        MockEndpoint.assertIsSatisfied(kafka, jms);
    }

    @Test
    void failedReplayIsDeadLetteredNowhere() throws Exception {
        MockEndpoint kafka = getMockEndpoint(KAFKA_DLQ);
        MockEndpoint jms = getMockEndpoint(JMS_DLQ);
        kafka.expectedMessageCount(0);
        jms.expectedMessageCount(0);

        send("replayed", Map.of(DeadLetters.SOURCE_KIND, "kafka", DeadLetters.DEAD_LETTER, false,
                DeadLetters.PE_NUMBER, "PE-3"));
        send("replayed", Map.of(DeadLetters.SOURCE_KIND, "jms", DeadLetters.DEAD_LETTER, false,
                DeadLetters.PE_NUMBER, "PE-4"));

        MockEndpoint.assertIsSatisfied(kafka, jms);
    }

    private void send(String body, Map<String, Object> headers) {
        NotifyBuilder sent = new NotifyBuilder(context).fromRoute("errors-dead-letter-send").whenCompleted(1).create();
        template.sendBodyAndHeaders("direct:dead-letter-send", body, headers);
        assertThat(sent.matches(5, TimeUnit.SECONDS)).as("dead-letter routing completed").isTrue();
    }
}
