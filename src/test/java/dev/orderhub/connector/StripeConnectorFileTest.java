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

/** The shipped Stripe connector file (connectors/payment/stripe.yaml) checked at start against its type's schema. */
class StripeConnectorFileTest {
    @TempDir
    Path connectors;

    MockEnvironment environment = new MockEnvironment();

    @BeforeEach
    void shippedFiles() throws IOException {
        Files.createDirectories(connectors.resolve("payment"));
        for (String name : new String[] {"sandbox.yaml", "stripe.yaml"}) {
            Files.copy(
                    Path.of("connectors", "payment", name),
                    connectors.resolve("payment").resolve(name));
        }
    }

    private ActiveConnector load() {
        return new ActiveConnectors(
                        new ConnectorFiles(connectors.toString()), environment, Path.of("routes/connectors"))
                .load("payment", "stripe");
    }

    @Test
    void aMissingKeyStopsTheHubWithOneLine() {
        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file " + connectors.resolve("payment").resolve("stripe.yaml")
                        + ": property apiKey: environment variable STRIPE_API_KEY is not set");
    }

    @Test
    void aBlankKeyIsAMissingKey() {
        environment.setProperty("STRIPE_API_KEY", "  ");

        assertThatThrownBy(this::load)
                .hasMessageEndingWith(": property apiKey: environment variable STRIPE_API_KEY is not set");
    }

    @Test
    void aKeyWrittenInTheFileIsRefused() throws IOException {
        Path file = connectors.resolve("payment").resolve("stripe.yaml");
        Files.writeString(file, Files.readString(file) + "apiKey: sk_test_in_the_file\n");
        environment.setProperty("STRIPE_API_KEY", "sk_test_env");

        assertThatThrownBy(this::load)
                .hasMessage("connector file " + file + ": property apiKey: a secret is never written in the file; "
                        + "set environment variable STRIPE_API_KEY instead");
    }

    @Test
    void theKeyAndBaseUrlComeFromTheEnvironmentAndTheFileSetsTheRest() {
        environment.setProperty("STRIPE_API_KEY", "sk_test_123");

        ActiveConnector stripe = load();

        assertThat(stripe.type()).isEqualTo("stripe");
        assertThat(stripe.setting("apiKey").asString()).isEqualTo("sk_test_123");
        assertThat(stripe.setting("baseUrl").asString()).isEqualTo("https://api.stripe.com");
        assertThat(stripe.setting("timeoutMs").asInt()).isEqualTo(10000);
        assertThat(stripe.setting("circuitBreaker").path("openMs").asInt()).isEqualTo(30000);

        environment.setProperty("STRIPE_API_BASE", "http://localhost:12111");
        assertThat(load().setting("baseUrl").asString()).isEqualTo("http://localhost:12111");
    }
}
