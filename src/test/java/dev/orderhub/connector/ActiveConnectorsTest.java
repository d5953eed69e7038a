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
 * A connector file is checked at start against its type's JSON Schema: each wrong file stops the hub with one line
 * naming the file, the property, the environment variable where there is one, and what is wrong.
 */
class ActiveConnectorsTest {
    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "required": ["merchantId", "accountId"],
              "properties": {
                "merchantId": { "type": "string" },
                "accountId": { "type": "string", "x-env": "ACME_PAY_ACCOUNT" },
                "apiKey": { "type": "string", "x-env": "ACME_PAY_KEY", "x-secret": true },
                "baseUrl": { "type": "string", "x-env": "ACME_PAY_BASE", "default": "https://pay.example.com" },
                "timeoutMs": { "type": "integer", "minimum": 1, "default": 2000 },
                "retry": {
                  "type": "object",
                  "properties": { "attempts": { "type": "integer", "minimum": 1, "default": 3 } }
                }
              }
            }""";

    @TempDir
    Path dir;

    MockEnvironment environment = new MockEnvironment();
    Path connectors;
    Path types;

    @BeforeEach
    void types() throws IOException {
        environment.setProperty("ACME_PAY_ACCOUNT", "acct_1");
        connectors = Files.createDirectories(dir.resolve("connectors/payment")).getParent();
        types = Files.createDirectories(dir.resolve("types/payment")).getParent();
        Files.writeString(types.resolve("payment/acme.schema.json"), SCHEMA);
    }

    private ActiveConnector load(String file) throws IOException {
        Files.writeString(connectors.resolve("payment/acme.yaml"), file);
        return new ActiveConnectors(new ConnectorFiles(connectors.toString()), environment, types)
                .load("payment", "acme");
    }

    private String fileName() {
        return "connector file " + connectors.resolve("payment/acme.yaml");
    }

    @Test
    void aGoodFileGetsItsDefaultsAndItsSecretFromTheEnvironment() throws IOException {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        ActiveConnector connector = load("kind: payment\ntype: acme\nmerchantId: M-1\nretry: {}\n");
        assertThat(connector.type()).isEqualTo("acme");
        assertThat(connector.setting("apiKey").asString()).isEqualTo("sk_test_123");
        assertThat(connector.setting("baseUrl").asString()).isEqualTo("https://pay.example.com");
        assertThat(connector.setting("timeoutMs").asInt()).isEqualTo(2000);
        assertThat(connector.setting("retry").path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void aWrongValueFromAnEnvironmentVariableNamesTheVariable() throws IOException {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        environment.setProperty("ACME_PAY_BASE", "pay.example.com");
        Files.writeString(
                types.resolve("payment/acme.schema.json"),
                SCHEMA.replace(
                        "\"x-env\": \"ACME_PAY_BASE\", ",
                        "\"x-env\": \"ACME_PAY_BASE\", \"pattern\": \"^https?://\", "));

        // the file is right; the variable that overrides it is not, and the error says where to look
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\nbaseUrl: https://pay.example.com\n"))
                .hasMessageStartingWith(
                        fileName() + ": property baseUrl (the value of environment variable ACME_PAY_BASE): ");
    }

    @Test
    void aFileOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> load("kind: tax\ntype: acme\nmerchantId: M-1\n"))
                .hasMessage(fileName() + ": property kind: tax, but the file is chosen as a payment connector"
                        + " (orderhub.connectors.payment=acme)");
    }

    @Test
    void anEnvironmentVariableWinsOverTheFileAndIsTypedByTheSchema() throws IOException {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        environment.setProperty("ACME_PAY_BASE", "http://localhost:9999");
        ActiveConnector connector =
                load("type: acme\nmerchantId: M-1\nbaseUrl: https://elsewhere.example.com\ntimeoutMs: 50\n");
        assertThat(connector.setting("baseUrl").asString()).isEqualTo("http://localhost:9999");
        assertThat(connector.setting("timeoutMs").asInt()).isEqualTo(50);
    }

    @Test
    void anUnsetSecretVariableStopsTheHubNamingTheVariable() {
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage(fileName() + ": property apiKey: environment variable ACME_PAY_KEY is not set");
    }

    @Test
    void theFileMayNameAnotherVariableForItsSecret() throws IOException {
        environment.setProperty("SECOND_ACCOUNT_KEY", "sk_test_456");
        ActiveConnector connector = load("type: acme\nmerchantId: M-1\napiKeyEnv: SECOND_ACCOUNT_KEY\n");
        assertThat(connector.setting("apiKey").asString()).isEqualTo("sk_test_456");
        assertThat(connector.settings().has("apiKeyEnv")).isFalse();
    }

    @Test
    void aSecretWrittenInTheFileIsRefused() {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\napiKey: sk_live_oops\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage(fileName() + ": property apiKey: a secret is never written in the file; set environment "
                        + "variable ACME_PAY_KEY instead")
                .hasMessageNotContaining("sk_live_oops");
    }

    @Test
    void aRequiredPropertyGivenByNeitherFileNorVariableNamesBoth() {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        environment.setProperty("ACME_PAY_ACCOUNT", "");
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage(fileName() + ": property accountId: missing; set it in the file or as environment variable "
                        + "ACME_PAY_ACCOUNT");
    }

    @Test
    void aMissingRequiredPropertyIsNamed() {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        assertThatThrownBy(() -> load("type: acme\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith(fileName() + ": property merchantId: ")
                .hasMessageContaining("required");
    }

    @Test
    void aWrongTypeIsNamedWithWhatWasFound() {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\ntimeoutMs: soon\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith(fileName() + ": property timeoutMs: ")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\nretry: {attempts: 0}\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith(fileName() + ": property retry.attempts: ");
    }

    @Test
    void anUnknownPropertyOrTypeIsNamed() {
        environment.setProperty("ACME_PAY_KEY", "sk_test_123");
        assertThatThrownBy(() -> load("type: acme\nmerchantId: M-1\ntimeoutMillis: 10\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith(fileName() + ": property timeoutMillis: ");
        assertThatThrownBy(() -> load("type: acmee\nmerchantId: M-1\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith(fileName() + ": property type: no connector type payment/acmee");
        assertThatThrownBy(() -> load("merchantId: M-1\n"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith(fileName() + ": property type: missing");
    }
}
