package dev.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import dev.orderhub.edi.X12Json;
import dev.orderhub.order.OrderJson;
import dev.orderhub.order.OrderValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every mapping example: {@code mappings/<name>/examples/<case>.input.<ext>} through mapping {@code <name>}
 * (with {@code <case>.bindings.json} as variables, if present) must give {@code <case>.expected.json} exactly, and a
 * valid canonical order. An input holding several orders (an XML document, a CSV file, an interchange) expects a JSON
 * array, one per order in document order; one holding a single order may expect the object itself.
 */
class MappingExamplesTest {
    private static final Path MAPPINGS = Path.of("mappings");
    private static final JsonMapper JSON = OrderJson.mapper();
    private static final Mappings ENGINE = new Mappings(MAPPINGS);
    private static final OrderValidator VALIDATOR = new OrderValidator(JSON);

    /** How an input file becomes the inputs a mapping takes, by extension: the place to add a new format. */
    private static final Map<String, InputReader> READERS = Map.of(
            "json", file -> List.of(JSON.readTree(file.toFile())),
            "xml", MappingExamplesTest::readXml,
            "csv", MappingExamplesTest::readCsv,
            "edi", MappingExamplesTest::readX12,
            "x12", MappingExamplesTest::readX12);

    @FunctionalInterface
    interface InputReader {
        List<?> read(Path file) throws Exception;
    }

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> examples = new ArrayList<>();
        for (String mapping : ENGINE.names()) {
            Path folder = MAPPINGS.resolve(mapping).resolve("examples");
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().contains(".input."))
                        .sorted()
                        .forEach(input ->
                                examples.add(Arguments.of(mapping + "/" + input.getFileName(), mapping, input)));
            }
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleMapsToItsExpectedOrder(String title, String mapping, Path input) throws Exception {
        String file = input.getFileName().toString();
        String caseName = file.substring(0, file.indexOf(".input."));
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        InputReader reader = READERS.get(extension);
        assertThat(reader).as("a reader for .%s inputs (%s)", extension, title).isNotNull();
        List<?> inputs = reader.read(input);
        Path expectedFile = input.resolveSibling(caseName + ".expected.json");
        assertThat(expectedFile).as("expected output of %s", title).exists();
        Map<String, Object> bindings = bindings(input.resolveSibling(caseName + ".bindings.json"));
        List<JsonNode> actual = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            actual.add(normalised(ENGINE.transform(mapping, inputs.get(i), bindings, title + " #" + (i + 1))));
        }

        JsonNode expected = JSON.readTree(expectedFile.toFile());
        JsonNode actualTree = expected.isArray() ? JSON.valueToTree(actual) : single(actual, title);
        if (!normalised(expected).equals(normalised(actualTree))) {
            fail(
                    "%s: mapped output differs from %s%nexpected:%n%s%nactual:%n%s",
                    title,
                    expectedFile.getFileName(),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actualTree));
        }
        for (int i = 0; i < actual.size(); i++) {
            JsonNode order = actual.get(i);
            assertThatCode(() -> VALIDATOR.parse(order))
                    .as("%s order #%d is a valid canonical order", title, i + 1)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyMappingHasExamples() throws IOException {
        assertThat(ENGINE.names())
                .as("mappings under %s", MAPPINGS.toAbsolutePath())
                .isNotEmpty();
        for (String mapping : ENGINE.names()) {
            Path folder = MAPPINGS.resolve(mapping).resolve("examples");
            try (Stream<Path> files = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
                assertThat(files.filter(f -> f.getFileName().toString().contains(".input."))
                                .count())
                        .as("examples of mapping %s (each mapping comes with its examples)", mapping)
                        .isPositive();
            }
        }
    }

    private static JsonNode single(List<JsonNode> actual, String title) {
        assertThat(actual)
                .as("%s: the expected file holds one order, so the input must", title)
                .hasSize(1);
        return actual.get(0);
    }

    /** The same tree whatever the number types: as written to JSON and read back. */
    private static JsonNode normalised(JsonNode tree) {
        return JSON.readTree(JSON.writeValueAsString(tree));
    }

    private static Map<String, Object> bindings(Path file) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).properties().forEach(e -> bindings.put(e.getKey(), e.getValue()));
        }
        return bindings;
    }

    private static List<?> readXml(Path file) throws IOException {
        List<Object> orders = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XmlTree.orders(in, orders::add);
        }
        if (orders.isEmpty()) {
            try (InputStream in = Files.newInputStream(file)) {
                orders.add(XmlTree.parse(in));
            }
        }
        return orders;
    }

    private static List<?> readCsv(Path file) throws IOException {
        List<Object> orders = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            new CsvOrders().read(in, order -> orders.add(order.toTree()));
        }
        return orders;
    }

    private static List<?> readX12(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return X12Json.read(in);
        }
    }
}
