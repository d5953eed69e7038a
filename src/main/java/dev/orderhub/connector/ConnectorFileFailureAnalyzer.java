package dev.orderhub.connector;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A connector file that cannot be used stops the hub with its one line, not a stack of bean creation errors. */
class ConnectorFileFailureAnalyzer extends AbstractFailureAnalyzer<ConnectorFileException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConnectorFileException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Correct the connector file or set the environment variable it names (README, \"Connectors\").",
                cause);
    }
}
