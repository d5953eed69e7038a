package dev.orderhub.connector;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes the connector routes once the templates are loaded: for the active connector of each kind, every route
 * template {@code connector-<kind>-<type>-<operation>} (routes/connectors/&lt;kind&gt;/&lt;type&gt;.yaml) becomes
 * route {@code connector-<kind>-<operation>}, reading {@code direct:connector-<kind>-<operation>}, with the
 * connector's settings as its parameters (nested settings by dotted names, e.g. {@code retry.attempts}). A type is
 * added with files alone: a schema and a template file.
 */
@Component
class ConnectorRoutes implements CamelContextConfiguration, ApplicationRunner {
    private final ActiveConnectors connectors;
    /** Templates that could not be made into routes: Camel only logs them, so the hub stops here once started. */
    private final List<String> failed = new CopyOnWriteArrayList<>();

    ConnectorRoutes(ActiveConnectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // the templates are loaded with the routes; connector routes are added once they are
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        for (ActiveConnector connector : connectors.all()) {
            String prefix = "connector-" + connector.kind() + "-" + connector.type() + "-";
            var templates = ((ModelCamelContext) context)
                    .getRouteTemplateDefinitions().stream()
                            .map(RouteTemplateDefinition::getId)
                            .filter(id -> id.startsWith(prefix))
                            .toList();
            if (templates.isEmpty()) {
                throw new ConnectorFileException("connector file " + connector.file() + ": property type: no route "
                        + "template " + prefix + "<operation> is loaded (routes/connectors/" + connector.kind() + "/"
                        + connector.type() + ".yaml)");
            }
            for (String template : templates) {
                String operation = template.substring(prefix.length());
                TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(context, template)
                        .routeId("connector-" + connector.kind() + "-" + operation)
                        .parameter("connector", connector.name())
                        .handler(ConnectorRoutes::answerTheCaller);
                parameters("", connector.settings(), route);
                try {
                    route.add();
                } catch (RuntimeException broken) {
                    failed.add("connector file " + connector.file() + ": property type: route template " + template
                            + " cannot be made into a route: " + broken.getMessage());
                }
            }
        }
    }

    /**
     * An operation the hub calls ({@code direct:}, no error policy of its own) hands its failure back to the caller
     * as it is, which retries it by the connector's policy and records it (a process exception, the payment journal):
     * Camel neither handles nor logs it. A declined card is an answer, not an error with a stack trace in the log.
     */
    private static void answerTheCaller(RouteTemplateDefinition template) {
        RouteDefinition route = template.getRoute();
        if (route.getRouteConfigurationId() == null
                && route.getInput() != null
                && route.getInput().getEndpointUri().startsWith("direct:")) {
            route.setErrorHandlerFactory(new NoErrorHandlerDefinition());
        }
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!failed.isEmpty()) {
            throw new ConnectorFileException(failed.get(0));
        }
    }

    private static void parameters(
            String prefix, tools.jackson.databind.JsonNode settings, TemplatedRouteBuilder route) {
        for (Map.Entry<String, tools.jackson.databind.JsonNode> e : settings.properties()) {
            if (e.getValue().isObject()) {
                parameters(prefix + e.getKey() + ".", e.getValue(), route);
            } else if (e.getValue().isValueNode()) {
                route.parameter(prefix + e.getKey(), e.getValue().asString());
            }
        }
    }
}
