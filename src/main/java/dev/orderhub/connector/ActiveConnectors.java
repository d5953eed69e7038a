package dev.orderhub.connector;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The active connector file of each back-office kind ({@code orderhub.connectors.<kind>}), checked when the hub
 * starts against the JSON Schema of its type, {@code <types dir>/<kind>/<type>.schema.json} beside the type's route
 * templates. A schema property may name an environment variable ({@code x-env}) that gives its value; a secret
 * ({@code x-secret: true}) comes from that variable only, never from the file (the file may name another variable
 * as {@code <property>Env}). A missing property, a wrong type or an unset secret variable stops the hub with one
 * line naming the file, the property, the variable and what is wrong.
 */
@Component
public class ActiveConnectors {

    private static final Set<String> DESCRIPTIVE = Set.of("title", "description", "kind", "type", "properties");
    /** JSON Schema 2020-12 with the hub's own keywords, which say where a value comes from and check nothing. */
    private static final SchemaRegistry SCHEMAS =
            SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft202012())
                    .keyword(new NonValidationKeyword("x-env"))
                    .keyword(new NonValidationKeyword("x-secret"))
                    .build());

    private final ConnectorFiles files;
    private final Environment environment;
    private final Path typesDirectory;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ActiveConnector> active = new LinkedHashMap<>();

    @Autowired
    ActiveConnectors(
            ConnectorFiles files,
            Environment environment,
            @Value("${orderhub.connectors.types-dir:routes/connectors}") String typesDirectory,
            @Value("${orderhub.connectors.payment:sandbox}") String payment,
            @Value("${orderhub.connectors.erp:sandbox}") String erp,
            @Value("${orderhub.connectors.tax:sandbox}") String tax,
            @Value("${orderhub.connectors.carrier:sandbox}") String carrier) {
        this(files, environment, Path.of(typesDirectory));
        // the kinds whose calls go through a connector route (direct:connector-<kind>-<operation>), in this order
        Map<String, String> names = new LinkedHashMap<>();
        names.put("payment", payment);
        names.put("erp", erp);
        names.put("tax", tax);
        names.put("carrier", carrier);
        names.forEach((kind, name) -> active.put(kind, load(kind, name)));
    }

    /** Loads nothing yet: {@link #load} checks one file. */
    ActiveConnectors(ConnectorFiles files, Environment environment, Path typesDirectory) {
        this.files = files;
        this.environment = environment;
        this.typesDirectory = typesDirectory;
    }

    public ActiveConnector get(String kind) {
        ActiveConnector connector = active.get(kind);
        if (connector == null) {
            throw new IllegalArgumentException("no connector kind " + kind + "; kinds: " + active.keySet());
        }
        return connector;
    }

    public List<ActiveConnector> all() {
        return List.copyOf(active.values());
    }

    /** Reads, resolves and checks one connector file. */
    ActiveConnector load(String kind, String name) {
        Path file = files.path(kind, name);
        String where = "connector file " + file;
        if (!Files.isRegularFile(file)) {
            throw new ConnectorFileException(where + ": missing (orderhub.connectors." + kind + "=" + name + ")");
        }
        JsonNode tree = files.read(kind, name);
        String declared = tree.path("kind").asString(kind);
        if (!declared.equals(kind)) {
            throw new ConnectorFileException(where + ": property kind: " + declared + ", but the file is chosen as a "
                    + kind + " connector (orderhub.connectors." + kind + "=" + name + ")");
        }
        String type = tree.path("type").asString("");
        if (type.isBlank()) {
            throw new ConnectorFileException(where + ": property type: missing (the connector's type, e.g. sandbox)");
        }
        Path schemaFile = typesDirectory.resolve(kind).resolve(type + ".schema.json");
        if (!Files.isRegularFile(schemaFile)) {
            throw new ConnectorFileException(where + ": property type: no connector type " + kind + "/" + type
                    + " (no schema " + schemaFile + ")");
        }
        JsonNode schema = json.readTree(schemaFile.toFile());
        ObjectNode settings = json.createObjectNode();
        tree.properties().forEach(e -> {
            if (!DESCRIPTIVE.contains(e.getKey())) {
                settings.set(e.getKey(), e.getValue());
            }
        });
        Map<String, String> fromEnvironment = new HashMap<>();
        resolve(where, "", schema, schema, settings, fromEnvironment);
        Schema validator = SCHEMAS.getSchema(schema);
        List<Error> errors = validator.validate(settings);
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            String location = first.getInstanceLocation()
                    .toString()
                    .replaceFirst("^[$/.]+", "")
                    .replace('/', '.');
            String property = first.getProperty() != null && !location.endsWith(first.getProperty())
                    ? (location.isEmpty() ? "" : location + ".") + first.getProperty()
                    : location;
            String variable = fromEnvironment.containsKey(property)
                    ? " (the value of environment variable " + fromEnvironment.get(property) + ")"
                    : "";
            throw new ConnectorFileException(where + ": property " + (property.isEmpty() ? "(file)" : property)
                    + variable + ": " + first.getMessage());
        }
        return new ActiveConnector(kind, name, file, type, settings);
    }

    /**
     * Fills in values from environment variables and defaults, property by property (nested objects too); notes in
     * {@code fromEnvironment} which variable gave which property, for the error that names it.
     */
    private void resolve(
            String where,
            String prefix,
            JsonNode root,
            JsonNode schema,
            ObjectNode settings,
            Map<String, String> fromEnvironment) {
        JsonNode properties = schema.path("properties");
        for (var entry : properties.properties()) {
            String property = entry.getKey();
            String named = prefix + property;
            JsonNode spec = entry.getValue().has("$ref")
                    ? root.at(entry.getValue().path("$ref").asString().replaceFirst("^#", ""))
                    : entry.getValue();
            boolean envNamed = settings.has(property + "Env");
            String envName =
                    settings.path(property + "Env").asString(spec.path("x-env").asString(null));
            settings.remove(property + "Env");
            boolean secret = spec.path("x-secret").asBoolean(false);
            if (secret && settings.has(property)) {
                throw new ConnectorFileException(where + ": property " + named + ": a secret is never written in "
                        + "the file; set environment variable " + envName + " instead");
            }
            String value = envName == null ? null : environment.getProperty(envName);
            if (value != null && !value.isBlank()) {
                settings.set(property, typed(spec, value));
                fromEnvironment.put(named, envName);
            } else if (secret && (envNamed || !spec.has("default"))) {
                // a secret with a default is optional (a password beside a key file), unless the file names its
                // variable
                throw new ConnectorFileException(
                        where + ": property " + named + ": environment variable " + envName + " is not set");
            } else if (!settings.has(property) && spec.has("default")) {
                settings.set(property, spec.get("default").deepCopy());
            } else if (!settings.has(property) && envName != null && required(schema, property)) {
                throw new ConnectorFileException(where + ": property " + named + ": missing; set it in the file or as "
                        + "environment variable " + envName);
            }
            if (settings.get(property) instanceof ObjectNode nested && spec.has("properties")) {
                resolve(where, named + ".", root, spec, nested, fromEnvironment);
            } else if (!settings.has(property) && spec.has("properties")) {
                resolve(where, named + ".", root, spec, settings.putObject(property), fromEnvironment);
            }
        }
    }

    private static boolean required(JsonNode schema, String property) {
        return schema.path("required").valueStream().anyMatch(r -> property.equals(r.asString()));
    }

    /** A value from an environment variable as the schema's type wants it (checked afterwards like any other). */
    private JsonNode typed(JsonNode spec, String value) {
        String type = spec.path("type").asString("string");
        try {
            return switch (type) {
                case "integer" -> json.getNodeFactory().numberNode(Long.parseLong(value.trim()));
                case "number" -> json.getNodeFactory().numberNode(new java.math.BigDecimal(value.trim()));
                case "boolean" ->
                    "true".equalsIgnoreCase(value.trim()) || "false".equalsIgnoreCase(value.trim())
                            ? json.getNodeFactory().booleanNode(Boolean.parseBoolean(value.trim()))
                            : json.getNodeFactory().stringNode(value);
                default -> json.getNodeFactory().stringNode(value);
            };
        } catch (NumberFormatException notANumber) {
            return json.getNodeFactory().stringNode(value);
        }
    }
}
