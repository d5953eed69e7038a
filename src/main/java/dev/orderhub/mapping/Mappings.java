package dev.orderhub.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import dev.orderhub.order.OrderJson;
import dev.orderhub.order.PersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSONata mappings under {@code orderhub.mappings.dir} ({@code mappings/<name>/<name>.jsonata}), compiled once at
 * start. A compiled mapping is shared by all threads: every evaluation gets its own frame, so nothing is mutated.
 */
@Component
public class Mappings {
    private static final Logger log = LoggerFactory.getLogger(Mappings.class);
    // a runaway expression fails the one input instead of holding a consumer thread; endless recursion ends in a
    // StackOverflowError, caught below, as jsonata 0.9.8's depth count also grows with the items a path visits
    private static final long TIMEOUT_MS = 60_000;

    private final Path dir;
    private final Map<String, Compiled> mappings;
    private final JsonMapper json = OrderJson.mapper();

    private record Compiled(String source, Jsonata expression) {}

    @Autowired
    Mappings(@Value("${orderhub.mappings.dir:mappings}") String dir) {
        this(Path.of(dir));
    }

    public Mappings(Path dir) {
        this.dir = dir;
        this.mappings = Collections.unmodifiableMap(load(dir));
        log.info("Loaded {} mapping(s) from {}: {}", mappings.size(), dir.toAbsolutePath(), mappings.keySet());
    }

    /** The folder the mappings were loaded from. */
    Path dir() {
        return dir;
    }

    /** The names of the loaded mappings. */
    Set<String> names() {
        return mappings.keySet();
    }

    boolean has(String name) {
        return mappings.containsKey(name);
    }

    /** Maps an input (a Jackson tree, or plain Maps and Lists) to JSON; the input is described generically. */
    public JsonNode transform(String name, Object input) {
        return transform(name, input, Map.of(), null);
    }

    /** As {@link #transform(String, Object)}, with variables such as {@code partner} bound as {@code $partner}. */
    public JsonNode transform(String name, Object input, Map<String, Object> bindings) {
        return transform(name, input, bindings, null);
    }

    /**
     * Maps an input to JSON.
     *
     * @param bindings      variables for the expression, by name with or without the leading {@code $}
     * @param inputIdentity a short description of the input for error messages, e.g. {@code "shopify order 123"}
     *                      or {@code "orders.csv rows 2-4"}; null describes it from its id fields
     * @throws MappingException naming the mapping, the input and the position in the expression
     */
    public JsonNode transform(String name, Object input, Map<String, Object> bindings, String inputIdentity) {
        Compiled mapping = mappings.get(name);
        if (mapping == null) {
            throw new MappingException(
                    "unknown mapping '" + name + "' (known: " + mappings.keySet() + ")", name, inputIdentity, -1, null);
        }
        Object plain = Trees.toPlain(input, json);
        String identity = inputIdentity != null ? inputIdentity : describe(plain);
        Object result;
        try {
            Jsonata.Frame frame = mapping.expression().createFrame();
            MappingFunctions.bind(frame);
            if (bindings != null) {
                bindings.forEach((k, v) -> frame.bind(k.startsWith("$") ? k.substring(1) : k, Trees.toPlain(v, json)));
            }
            frame.setRuntimeBounds(TIMEOUT_MS, Integer.MAX_VALUE);
            result = mapping.expression().evaluate(plain, frame);
        } catch (RuntimeException | StackOverflowError failure) {
            throw failed(name, mapping.source(), identity, failure);
        }
        if (result == null) {
            throw new MappingException(
                    "mapping '" + name + "' produced nothing for " + identity, name, identity, -1, null);
        }
        try {
            return Trees.toNode(result, "$");
        } catch (IllegalArgumentException notJson) {
            throw new MappingException(
                    "mapping '" + name + "' on " + identity + ": " + PersonalData.scrub(notJson.getMessage()),
                    name,
                    identity,
                    -1,
                    notJson);
        }
    }

    private static Map<String, Compiled> load(Path dir) {
        Map<String, Compiled> loaded = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            log.warn("Mappings folder {} does not exist: no mappings loaded", dir.toAbsolutePath());
            return loaded;
        }
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString();
                Path file = folder.resolve(name + ".jsonata");
                if (Files.isRegularFile(file)) {
                    loaded.put(name, compile(name, Files.readString(file, StandardCharsets.UTF_8), file));
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read mappings from " + dir.toAbsolutePath(), unreadable);
        }
        return loaded;
    }

    private static Compiled compile(String name, String source, Path file) {
        try {
            return new Compiled(source, Jsonata.jsonata(source));
        } catch (RuntimeException invalid) {
            int position = invalid instanceof JException j ? j.getLocation() : -1;
            throw new MappingException(
                    "mapping '" + name + "' (" + file + ") does not compile: " + reason(invalid)
                            + where(source, position, invalid),
                    name,
                    null,
                    position,
                    invalid);
        }
    }

    private static MappingException failed(String name, String source, String identity, Throwable failure) {
        int position = failure instanceof JException j ? j.getLocation() : -1;
        String reason = failure instanceof StackOverflowError ? "expression recursed too deeply" : reason(failure);
        return new MappingException(
                "mapping '" + name + "' failed on " + identity + ": " + reason + where(source, position, failure),
                name,
                identity,
                position,
                failure);
    }

    private static String reason(Throwable failure) {
        if (failure instanceof JException j && "D3137".equals(j.getError()) && j.getCurrent() != null) {
            return String.valueOf(j.getCurrent()); // the mapping's own $error("...") message, as written
        }
        String message = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : PersonalData.scrub(failure.getMessage());
        if (failure instanceof JException j && j.getError() != null && !message.contains(j.getError())) {
            return message + " (" + j.getError() + ")";
        }
        return failure instanceof JException ? message : failure.getClass().getSimpleName() + ": " + message;
    }

    /** " at line L, column C (offset N) near 'token'", from the expression's source and JSONata's offset. */
    static String where(String source, int position, Throwable failure) {
        Object token = failure instanceof JException j && !"D3137".equals(j.getError()) ? j.getCurrent() : null;
        if (position < 0) {
            return token == null ? "" : " near '" + token + "'";
        }
        int at = Math.min(position, source.length());
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " at line " + line + ", column " + (at - lineStart + 1) + " (offset " + position + ")"
                + (token == null ? "" : " near '" + token + "'");
    }

    /** A short description from the usual id fields, so that a message still says which input failed. */
    private static String describe(Object plain) {
        if (plain instanceof Map<?, ?> map) {
            for (String key : new String[] {"id", "@order-no", "order-no", "poNumber", "externalOrderId", "name"}) {
                Object value = map.get(key);
                if (value instanceof String || value instanceof Number) {
                    return "input with " + key + " " + value;
                }
            }
            return "input object";
        }
        return plain == null ? "empty input" : "input " + (plain instanceof List ? "array" : "value");
    }
}
