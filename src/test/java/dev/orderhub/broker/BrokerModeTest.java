package dev.orderhub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTestContext;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** With {@code spring.artemis.mode=native} the hub runs no broker of its own: no journal, no acceptor, no password. */
class BrokerModeTest {

    @Test
    void nativeModeStartsNoEmbeddedBroker() throws IOException {
        Path data = dataDir();
        try (ConfigurableApplicationContext context = start(data, "native")) {
            assertThat(context.getBeansOfType(EmbeddedActiveMQ.class)).isEmpty();
            assertThat(context.getBeansOfType(ConnectionFactory.class)).hasSize(1);
        }
        assertThat(data.resolve("artemis")).doesNotExist();
        assertThat(data.resolve("broker-password")).doesNotExist();
    }

    @Test
    void embeddedModeStartsTheBrokerWithAGeneratedPassword() throws IOException {
        Path data = dataDir();
        try (ConfigurableApplicationContext context = start(data, "embedded")) {
            assertThat(context.getBean(EmbeddedActiveMQ.class)
                            .getActiveMQServer()
                            .isStarted())
                    .isTrue();
        }
        assertThat(data.resolve("artemis").resolve("journal")).isDirectory();
        assertThat(Files.readString(data.resolve("broker-password")).trim()).isNotBlank();
    }

    private static ConfigurableApplicationContext start(Path data, String mode) {
        return new SpringApplicationBuilder(BrokerOnly.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.artemis.mode=" + mode,
                        "--spring.artemis.broker-url=tcp://127.0.0.1:" + HubTestContext.freePort(),
                        "--orderhub.data-dir=" + data,
                        "--orderhub.broker.port=" + HubTestContext.freePort());
    }

    private static Path dataDir() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "broker-mode-");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ArtemisAutoConfiguration.class)
    @Import(BrokerConfiguration.class)
    static class BrokerOnly {}
}
