package dev.orderhub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The published JSON Schemas (src/main/resources/schema), loaded as a consumer would resolve them: every
 * {@code https://orderhub.dev/schema/…} id and reference is served from the classpath, nothing is fetched, and
 * {@code format} (date-time, date, uri) is asserted, not only annotated.
 */
public final class PublishedSchemas {
    static final String BASE = "https://orderhub.dev/schema/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:schema/")));
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private PublishedSchemas() {}

    /** A schema by its path under schema/, e.g. {@code order-summary.json} or {@code events/cloudevent.json}. */
    public static Schema schema(String path) {
        return LOADED.computeIfAbsent(path, p -> REGISTRY.getSchema(SchemaLocation.of("classpath:schema/" + p)));
    }

    /** The data schema of an event type, {@code events/<type>.json}. */
    public static Schema eventData(String type) {
        return schema("events/" + type + ".json");
    }

    public static List<Error> validate(String path, JsonNode instance) {
        return schema(path).validate(instance);
    }

    /** Asserts that the instance matches the schema, naming every error. */
    public static void assertValid(String path, JsonNode instance) {
        List<Error> errors = validate(path, instance);
        assertThat(errors)
                .as("%s against %s:\n%s", instance, path, describe(errors))
                .isEmpty();
    }

    /** One line per error, for assertion messages. */
    public static String describe(List<Error> errors) {
        return errors.stream()
                .map(e -> "  " + e.getInstanceLocation() + " [" + e.getKeyword() + "] " + e.getMessage() + "  (schema "
                        + e.getSchemaLocation() + ")")
                .collect(Collectors.joining("\n"));
    }
}
