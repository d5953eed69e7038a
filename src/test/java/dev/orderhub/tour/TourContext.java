package dev.orderhub.tour;

import dev.orderhub.support.HubTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub on its embedded defaults, as a newcomer starts it: H2 file database and broker journal under a fresh
 * data folder, no API key or broker password configured (so the hub generates them into {@code <data-dir>}), and the
 * tour's event subscriber given by environment variables as README shows. Only the folder and the broker port differ
 * from the defaults, so that the tour never touches ./data or a running hub.
 */
public class TourContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    static final String SUBSCRIBER = "tour-subscriber";
    static final String SUBSCRIBER_PASSWORD = "tour-secret";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dataDir = freshDataDir();
        TestPropertyValues.of(
                        "orderhub.data-dir=" + dataDir,
                        "spring.datasource.url=jdbc:h2:file:"
                                + dataDir.resolve("db").resolve("orderhub").toAbsolutePath()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "orderhub.broker.port=" + HubTestContext.freePort(),
                        // a key in the environment would stop the hub from generating one; the tour starts without any
                        "ORDERHUB_API_KEY=")
                .applyTo(context);
        TestPropertyValues.of(
                        "ORDERHUB_BROKER_USERS_0_NAME=" + SUBSCRIBER,
                        "ORDERHUB_BROKER_USERS_0_PASSWORD=" + SUBSCRIBER_PASSWORD,
                        "ORDERHUB_BROKER_USERS_0_ROLE=subscriber")
                // bound as the process environment is (Boot maps names only for a source named like it)
                .applyTo(
                        context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT, "tour-systemEnvironment");
    }

    private static Path freshDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target", "tour-data"));
            return Files.createTempDirectory(target, "hub-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
