package dev.orderhub.connector;

/**
 * A connector file that cannot be used as it is: one line naming the file, the property, the environment variable
 * where there is one, and what is wrong. It stops the hub at start.
 */
public class ConnectorFileException extends IllegalStateException {
    public ConnectorFileException(String message) {
        super(message);
    }
}
