package dev.orderhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The shipped AvaTax connector file, checked at start against its type's schema with the AVATAX_* variables. */
class AvaTaxConnectorFileTest {

    private static MockEnvironment environment(boolean withLicenseKey) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("AVATAX_ACCOUNT_ID", "1100012345")
                .withProperty("AVATAX_COMPANY_CODE", "ORDERHUB");
        return withLicenseKey ? environment.withProperty("AVATAX_LICENSE_KEY", "test-license-key") : environment;
    }

    private static ActiveConnectors connectors(String directory, MockEnvironment environment) {
        return new ActiveConnectors(new ConnectorFiles(directory), environment, Path.of("routes", "connectors"));
    }

    @Test
    void theShippedFileResolvesFromItsVariablesWithTheProductionUrlByDefault() {
        ActiveConnector avatax = connectors("connectors", environment(true)).load("tax", "avatax");

        assertThat(avatax.type()).isEqualTo("avatax");
        assertThat(avatax.setting("accountId").asString()).isEqualTo("1100012345");
        assertThat(avatax.setting("licenseKey").asString()).isEqualTo("test-license-key");
        assertThat(avatax.setting("companyCode").asString()).isEqualTo("ORDERHUB");
        assertThat(avatax.setting("baseUrl").asString()).isEqualTo("https://rest.avatax.com");
        assertThat(avatax.setting("taxCode").asString()).isEqualTo("P0000000");
        assertThat(avatax.setting("freightTaxCode").asString()).isEqualTo("FR020100");
        assertThat(avatax.setting("shipFrom").path("country").asString()).isEqualTo("US");
    }

    @Test
    void aMissingLicenseKeyStopsTheHubWithOneLine() {
        ActiveConnectors connectors = connectors("connectors", environment(false));

        assertThatThrownBy(() -> connectors.load("tax", "avatax"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file connectors/tax/avatax.yaml: property licenseKey: environment variable "
                        + "AVATAX_LICENSE_KEY is not set");
    }

    @Test
    void aLicenseKeyWrittenInTheFileStopsTheHub(@TempDir Path directory) throws IOException {
        copy(directory);
        Path file = directory.resolve("tax").resolve("avatax.yaml");
        Files.writeString(file, Files.readString(file) + "licenseKey: written-here\n");

        assertThatThrownBy(() ->
                        connectors(directory.toString(), environment(true)).load("tax", "avatax"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file " + file + ": property licenseKey: a secret is never written in the "
                        + "file; set environment variable AVATAX_LICENSE_KEY instead");
    }

    @Test
    void aBaseUrlThatIsNoUrlStopsTheHub() {
        MockEnvironment environment = environment(true).withProperty("AVATAX_BASE_URL", "rest.avatax.com");

        assertThatThrownBy(() -> connectors("connectors", environment).load("tax", "avatax"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessageStartingWith("connector file connectors/tax/avatax.yaml: property baseUrl"
                        + " (the value of environment variable AVATAX_BASE_URL): ");
    }

    @Test
    void theSandboxFileWithItsRateTablesPassesItsPermissiveSchema() {
        ActiveConnector sandbox = connectors("connectors", environment(false)).load("tax", "sandbox");

        assertThat(sandbox.type()).isEqualTo("sandbox");
        assertThat(sandbox.setting("rates").path("US").isObject()).isTrue();
    }

    private static void copy(Path directory) throws IOException {
        for (String kind : new String[] {"payment", "tax"}) {
            Path target = Files.createDirectories(directory.resolve(kind));
            try (var files = Files.list(Path.of("connectors", kind))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
    }
}
