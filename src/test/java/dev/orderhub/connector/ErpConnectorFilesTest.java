package dev.orderhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The shipped ERP connector files pass their types' checks at start, and a missing secret stops the hub in a line. */
class ErpConnectorFilesTest {
    private final MockEnvironment environment = new MockEnvironment();

    private ActiveConnectors connectors(String directory) {
        return new ActiveConnectors(new ConnectorFiles(directory), environment, Path.of("routes/connectors"));
    }

    @Test
    void theSandboxAndJmsFilesHaveNothingToSet() {
        ActiveConnectors active = connectors("connectors");

        assertThat(active.load("erp", "sandbox").type()).isEqualTo("sandbox");
        assertThat(active.load("erp", "sandbox").settings().isEmpty()).isTrue();
        assertThat(active.load("erp", "jms").type()).isEqualTo("jms");
    }

    @Test
    void theHttpFileNeedsItsTokenAndTakesItsUrlFromTheEnvironment() {
        ActiveConnectors active = connectors("connectors");

        assertThatThrownBy(() -> active.load("erp", "http"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file connectors/erp/http.yaml: property token: environment variable "
                        + "ORDERHUB_ERP_TOKEN is not set");

        environment.setProperty("ORDERHUB_ERP_TOKEN", "t0k3n");
        environment.setProperty("ORDERHUB_ERP_URL", "http://127.0.0.1:9/erp");
        ActiveConnector http = active.load("erp", "http");
        assertThat(http.setting("url").asString()).isEqualTo("http://127.0.0.1:9/erp");
        assertThat(http.setting("token").asString()).isEqualTo("t0k3n");
        assertThat(http.setting("timeoutMs").asInt()).isEqualTo(10000);
    }

    @Test
    void theSftpFileLogsInByKeyWithoutAPasswordUnlessItNamesOne(@TempDir Path directory) throws IOException {
        ActiveConnector sftp = connectors("connectors").load("erp", "sftp");
        assertThat(sftp.setting("password").asString()).isEmpty();
        assertThat(sftp.setting("strictHostKeyChecking").asString()).isEqualTo("yes");

        Files.createDirectories(directory.resolve("erp"));
        Files.writeString(directory.resolve("erp").resolve("vendor.yaml"), """
                kind: erp
                type: sftp
                host: sftp.example.com
                user: hub
                directory: out
                confirmationsDirectory: in
                passwordEnv: VENDOR_SFTP_PASSWORD
                """);
        assertThatThrownBy(() -> connectors(directory.toString()).load("erp", "vendor"))
                .isInstanceOf(ConnectorFileException.class)
                .hasMessage("connector file " + directory.resolve("erp").resolve("vendor.yaml")
                        + ": property password: environment variable VENDOR_SFTP_PASSWORD is not set");
    }
}
