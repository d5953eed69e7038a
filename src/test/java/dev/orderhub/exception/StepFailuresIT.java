package dev.orderhub.exception;

import static dev.orderhub.exception.FaultKit.exceptionsOf;
import static dev.orderhub.exception.FaultKit.newExternalId;
import static dev.orderhub.exception.FaultKit.status;
import static dev.orderhub.exception.FaultKit.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.shared.Headers;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A failed lifecycle step: its process exception has the category the step declares, and a connector call that
 * exhausted its own retries is not run again by the error policy.
 */
@HubTest
class StepFailuresIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** connectors/payment/sandbox.yaml: retry.attempts. */
    private static final int PAYMENT_ATTEMPTS = 3;

    @LocalServerPort
    int port;

    @Autowired
    ModelCamelContext camel;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    /** Each route on lifecycle-errors, with the category its first processor declares (null if it declares none). */
    private Map<String, String> declaredCategories() {
        Map<String, String> declared = new LinkedHashMap<>();
        for (RouteDefinition route : camel.getRouteDefinitions()) {
            if (!"lifecycle-errors".equals(route.getRouteConfigurationId())) {
                continue;
            }
            // the error policy's clauses are merged in front of the route's own steps
            ProcessorDefinition<?> first = route.getOutputs().stream()
                    .filter(output -> !(output instanceof OnExceptionDefinition))
                    .findFirst()
                    .orElse(null);
            declared.put(
                    route.getRouteId(),
                    first instanceof SetPropertyDefinition property && Headers.STEP_CATEGORY.equals(property.getName())
                            ? property.getExpression().getExpression()
                            : null);
        }
        return declared;
    }

    @Test
    void everyLifecycleStepDeclaresItsCategoryFirst() {
        Map<String, String> declared = declaredCategories();

        assertThat(declared)
                .containsKeys("lifecycle-accept", "lifecycle-ensure-funds", "lifecycle-allocate", "lifecycle-invoice");
        List<String> categories = new ArrayList<>();
        for (ProcessException.Category category : ProcessException.Category.values()) {
            categories.add(category.name());
        }
        assertThat(declared)
                .allSatisfy((route, category) -> assertThat(category)
                        .as("%s declares %s as its first step", route, Headers.STEP_CATEGORY)
                        .isIn(categories));
    }

    @Test
    void aDeclinedCardHoldsTheOrderWithTheCategoryItsStepDeclares() {
        String id = submit(hub, FaultKit.order(newExternalId("STEP-DECLINED"), "tok_chargeDeclined"));

        await().atMost(SETTLE).until(() -> status(hub, id), "ON_HOLD"::equals);

        List<JsonNode> exceptions = exceptionsOf(hub, id);
        assertThat(exceptions).hasSize(1);
        JsonNode pe = exceptions.get(0);
        assertThat(pe.path("failedStep").asString()).isEqualTo("lifecycle-ensure-funds");
        assertThat(pe.path("category").asString())
                .isEqualTo(declaredCategories().get("lifecycle-ensure-funds"))
                .isEqualTo("PAYMENT");
        assertThat(pe.path("transientFailure").asBoolean()).isFalse();
    }

    @Test
    void aGatewayThatNeverAnswersIsCalledAsOftenAsItsConnectorSaysAndNoMore() {
        String id = submit(hub, FaultKit.order(newExternalId("STEP-TIMEOUT-ALWAYS"), "tok_timeout_always"));

        await().atMost(SETTLE).until(() -> status(hub, id), "ON_HOLD"::equals);

        List<String> transactions = new ArrayList<>();
        FaultKit.order(hub, id)
                .path("payment")
                .path("transactions")
                .forEach(t -> transactions.add(
                        t.path("kind").asString() + " " + t.path("outcome").asString()));
        assertThat(transactions)
                .as("the connector's attempts, with no redelivery of the step on top")
                .isEqualTo(Collections.nCopies(PAYMENT_ATTEMPTS, "AUTHORIZE TIMEOUT"));
        JsonNode pe = exceptionsOf(hub, id).get(0);
        assertThat(pe.path("category").asString()).isEqualTo("PAYMENT");
        assertThat(pe.path("transientFailure").asBoolean()).isTrue();
    }
}
