package dev.orderhub.connector;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads connector files: {@code <connectors dir>/<kind>/<name>.yaml}, one per external system, the active one per
 * kind named by {@code orderhub.connectors.<kind>} (default {@code sandbox}).
 */
@Component
public class ConnectorFiles {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path directory;

    ConnectorFiles(@Value("${orderhub.connectors.dir:connectors}") String directory) {
        this.directory = Path.of(directory);
    }

    public Path path(String kind, String name) {
        return directory.resolve(kind).resolve(name + ".yaml");
    }

    /** The whole file as a tree. */
    public JsonNode read(String kind, String name) {
        Path file = path(kind, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("connector file " + file.toAbsolutePath() + " is missing");
        }
        return YAML.readTree(file.toFile());
    }

    /** A section of the file bound to a record. */
    public <T> T read(String kind, String name, String section, Class<T> type) {
        JsonNode node = read(kind, name).path(section);
        return YAML.treeToValue(node, type);
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        return YAML.treeToValue(node, type);
    }
}
