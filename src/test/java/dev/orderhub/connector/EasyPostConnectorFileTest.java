package dev.orderhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * The EasyPost carrier connector file as the hub checks it at start: the shipped connectors/carrier/easypost.yaml
 * against routes/connectors/carrier/easypost.schema.json, secrets from their environment variables only.
 */
class EasyPostConnectorFileTest {
    @TempDir
    Path connectors;

    private Path file;

    @BeforeEach
    void copyTheShippedFiles() throws IOException {
        for (String shipped : new String[] {"carrier/easypost.yaml", "carrier/sandbox.yaml", "payment/sandbox.yaml"}) {
            Path copy = connectors.resolve(shipped);
            Files.createDirectories(copy.getParent());
            Files.copy(Path.of("connectors").resolve(shipped), copy);
        }
        file = connectors.resolve("carrier").resolve("easypost.yaml");
    }

    @Test
    void missingApiKeyStopsTheHubWithOneLine() {
        MockEnvironment environment = new MockEnvironment().withProperty("EASYPOST_WEBHOOK_SECRET", "whsec");

        assertThatThrownBy(() -> loadOnly(environment))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file " + file + ": property apiKey: environment variable EASYPOST_API_KEY is "
                        + "not set");
    }

    @Test
    void missingWebhookSecretStopsTheHubWithOneLine() {
        MockEnvironment environment = new MockEnvironment().withProperty("EASYPOST_API_KEY", "EZTK123");

        assertThatThrownBy(() -> loadOnly(environment))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file " + file + ": property webhookSecret: environment variable "
                        + "EASYPOST_WEBHOOK_SECRET is not set");
    }

    @Test
    void aSecretWrittenInTheFileIsRefused() throws IOException {
        Files.writeString(file, Files.readString(file) + "apiKey: EZTK-written-here\n");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("EASYPOST_API_KEY", "EZTK123")
                .withProperty("EASYPOST_WEBHOOK_SECRET", "whsec");

        assertThatThrownBy(() -> loadOnly(environment))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file " + file + ": property apiKey: a secret is never written in the file; "
                        + "set environment variable EASYPOST_API_KEY instead");
    }

    @Test
    void aBadBaseUrlIsRefused() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("EASYPOST_API_KEY", "EZTK123")
                .withProperty("EASYPOST_WEBHOOK_SECRET", "whsec")
                .withProperty("EASYPOST_API_BASE", "api.easypost.com/v2");

        assertThatThrownBy(() -> loadOnly(environment))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith("connector file " + file
                        + ": property baseUrl (the value of environment variable EASYPOST_API_BASE): ");
    }

    @Test
    void secretsAndTheBaseUrlComeFromTheEnvironmentAndDefaultsAreFilledIn() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("EASYPOST_API_KEY", "EZTK123")
                .withProperty("EASYPOST_WEBHOOK_SECRET", "whsec")
                .withProperty("EASYPOST_API_BASE", "http://127.0.0.1:8089");

        ActiveConnector carrier = loadOnly(environment);

        assertThat(carrier.type()).isEqualTo("easypost");
        assertThat(carrier.setting("apiKey").asString()).isEqualTo("EZTK123");
        assertThat(carrier.setting("webhookSecret").asString()).isEqualTo("whsec");
        assertThat(carrier.setting("baseUrl").asString()).isEqualTo("http://127.0.0.1:8089");
        assertThat(carrier.setting("timeoutMs").asInt()).isEqualTo(10000);
        assertThat(carrier.setting("services").path("GROUND").asString()).isEqualTo("Ground");
        assertThat(carrier.setting("retry").path("maxRetryAfterMs").asInt()).isEqualTo(10000);
    }

    /** Loads the EasyPost file as the hub does at start for the active carrier (the sandboxes active here). */
    private ActiveConnector loadOnly(MockEnvironment environment) {
        return new ActiveConnectors(
                        new ConnectorFiles(connectors.toString()), environment, Path.of("routes/connectors"))
                .load("carrier", "easypost");
    }
}
