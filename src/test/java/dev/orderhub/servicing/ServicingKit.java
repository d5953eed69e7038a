package dev.orderhub.servicing;

import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.Error;
import dev.orderhub.event.PublishedSchemas;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What servicing tests share: README's sample order taken through the pipeline to CLOSED, and schema checks. */
final class ServicingKit {
    static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    static final Duration PIPELINE = Duration.ofSeconds(60);

    private ServicingKit() {}

    /** README's sample order (4 x DRILL-18V at 129.00, a 25.80 discount, by card), shipped by the sandbox ERP. */
    static String closedOrder(HubClient hub) {
        String id = json(hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.fresh()), 202)
                .path("id")
                .asString();
        return awaitClosed(hub, id).path("id").asString();
    }

    /** The order's summary once it is CLOSED. */
    static JsonNode awaitClosed(HubClient hub, String id) {
        await().atMost(PIPELINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() ->
                        assertThat(order(hub, id).path("status").asString()).isEqualTo("CLOSED"));
        return order(hub, id);
    }

    static void assertValid(String schema, JsonNode instance) {
        List<Error> errors = PublishedSchemas.validate(schema, instance);
        assertThat(errors)
                .as("%s against %s:\n%s", instance, schema, PublishedSchemas.describe(errors))
                .isEmpty();
    }
}
