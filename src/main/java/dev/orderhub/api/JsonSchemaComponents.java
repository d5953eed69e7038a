package dev.orderhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The hub's JSON Schemas (classpath schema/, draft 2020-12) as OpenAPI 3.1 components: a file is the component named
 * by its path ({@code order}, {@code order-summary}, {@code events.orderhub.invoice.created}), each of its
 * {@code $defs} the component {@code <file>.<def>}; every {@code $ref}, within a file or across files, is rewritten to
 * the component it names, so that the description stands alone.
 */
final class JsonSchemaComponents {
    private static final String ROOT = "schema/";
    private static final String COMPONENTS = "#/components/schemas/";

    private JsonSchemaComponents() {}

    @SuppressWarnings("rawtypes")
    static Map<String, Schema> load() {
        Map<String, Schema> components = new TreeMap<>();
        try {
            // the folder of the hub's own schemas only: other jars bring schema/ folders of their own
            String anchor = new ClassPathResource(ROOT + "order.json").getURL().toString();
            String base = anchor.substring(0, anchor.length() - "order.json".length());
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(base + "**/*.json");
            for (Resource file : files) {
                String path = file.getURL().toString().substring(base.length());
                JsonNode schema;
                try (InputStream in = file.getInputStream()) {
                    schema = Json31.mapper().readTree(in);
                }
                ObjectNode root = (ObjectNode) schema;
                root.remove("$schema");
                root.remove("$id");
                JsonNode defs = root.remove("$defs");
                if (defs != null) {
                    defs.properties()
                            .forEach(def -> components.put(
                                    name(path) + "." + def.getKey(), schema(rewriteRefs(def.getValue(), path))));
                }
                components.put(name(path), schema(rewriteRefs(root, path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON Schemas under classpath " + ROOT, e);
        }
        return components;
    }

    /** The component name of a schema file: its path under schema/ without .json, with dots for slashes. */
    static String name(String path) {
        return path.replaceFirst("\\.json$", "").replace('/', '.');
    }

    @SuppressWarnings("rawtypes")
    private static Schema schema(JsonNode node) {
        return Json31.mapper().convertValue(node, Schema.class);
    }

    private static JsonNode rewriteRefs(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                object.put("$ref", COMPONENTS + target(ref.asText(), path));
            }
            object.properties().forEach(field -> rewriteRefs(field.getValue(), path));
        } else if (node.isArray()) {
            node.forEach(item -> rewriteRefs(item, path));
        }
        return node;
    }

    /** The component a reference from the file at path names: a file, or one of its $defs. */
    private static String target(String ref, String path) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        String targetFile = file.isEmpty()
                ? path
                : URI.create(path).resolve(file).normalize().getPath();
        if (fragment.isEmpty()) {
            return name(targetFile);
        }
        if (!fragment.startsWith("/$defs/") || fragment.indexOf('/', "/$defs/".length()) >= 0) {
            throw new IllegalStateException("unsupported $ref " + ref + " in " + path);
        }
        return name(targetFile) + "." + fragment.substring("/$defs/".length());
    }
}
