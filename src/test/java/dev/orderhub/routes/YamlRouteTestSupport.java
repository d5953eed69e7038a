package dev.orderhub.routes;

import dev.orderhub.shared.Headers;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

/**
 * The project's YAML routes in a plain CamelContext (no Spring): routes/errors/error-policy.yaml always, the route
 * file under test beside it, small beans in the registry, and the broker endpoints advised into mock endpoints.
 */
abstract class YamlRouteTestSupport extends CamelTestSupport {
    static final String JMS_DLQ = "mock:jms-dlq";
    static final String KAFKA_DLQ = "mock:kafka-dlq";
    static final int MAX_DELIVERY_ATTEMPTS = 3;

    final RecordingDeadLetters deadLetters = new RecordingDeadLetters();

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        // routes are loaded and advised before the context starts
        test.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        Properties properties = new Properties();
        properties.setProperty("orderhub.jms.consumers", "1");
        properties.setProperty("orderhub.kafka.max-redeliveries", "2");
        properties.setProperty("orderhub.broker.max-delivery-attempts", String.valueOf(MAX_DELIVERY_ATTEMPTS));
        context.withUseOverridePropertiesWithPropertiesComponent(properties)
                // the process-exception metrics timer needs the database
                .withRouteFilterExcludePattern("errors-metrics");
    }

    /** Loads the error policy and the given route files, sends dead letters to mocks, then starts the context. */
    void start(String... routeFiles) throws Exception {
        context.getRegistry().bind("deadLetters", deadLetters);
        load("routes/errors/error-policy.yaml");
        for (String file : routeFiles) {
            load(file);
        }
        AdviceWith.adviceWith(context, "errors-dead-letter-send", route -> {
            route.weaveByToUri("jms:queue:DLQ.orderhub").replace().to(JMS_DLQ);
            route.weaveByToUri("kafka:orderhub.dlq*").replace().to(KAFKA_DLQ);
        });
        advise();
        context.start();
    }

    /** Replaces the route files' own broker and step endpoints; called before the context starts. */
    abstract void advise() throws Exception;

    private void load(String file) throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:" + file));
    }

    /**
     * Stands in for the error policy's deadLetters bean, whose process exceptions live in the database: keeps the
     * failure and sets the headers the dead-letter routing reads, for a message from a JMS queue.
     */
    public static class RecordingDeadLetters {
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        public void record(Exchange exchange) {
            causes.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            exchange.getMessage().setHeader(Headers.SOURCE_KIND, "jms");
            exchange.getMessage().setHeader(Headers.DEAD_LETTER, true);
            exchange.getMessage().setHeader(Headers.PE_NUMBER, "PE-" + causes.size());
        }
    }
}
