package dev.orderhub.broker;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Boot starts its embedded broker whatever {@code spring.artemis.mode} says; with {@code native} the hub uses an
 * outside broker, so this turns the embedded one off (its journal lock and port would block a second hub).
 */
class EmbeddedBrokerSwitch implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean nativeMode = "native"
                .equalsIgnoreCase(
                        environment.getProperty("spring.artemis.mode", "").trim());
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "orderhubEmbeddedBrokerSwitch",
                        Map.of("spring.artemis.embedded.enabled", String.valueOf(!nativeMode))));
    }
}
