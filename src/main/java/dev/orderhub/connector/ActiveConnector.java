package dev.orderhub.connector;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The active connector of a kind as the hub uses it: its file, its type and its settings checked against the type's
 * JSON Schema, with defaults filled in and secrets read from their environment variables.
 */
public record ActiveConnector(String kind, String name, Path file, String type, ObjectNode settings) {
    /** The type whose routes answer in the hub's own process, the embedded default of every kind. */
    public static final String SANDBOX = "sandbox";

    /** A setting (a property of the file, or its default); a missing node when there is neither. */
    public JsonNode setting(String property) {
        return settings.path(property);
    }
}
