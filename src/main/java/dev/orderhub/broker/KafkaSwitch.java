package dev.orderhub.broker;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Kafka routes are off until {@code orderhub.kafka.brokers} is set: this derives the route switch
 * {@code orderhub.kafka.enabled} from it, so that one property turns Kafka on.
 */
class KafkaSwitch implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String brokers = environment.getProperty("orderhub.kafka.brokers", "");
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "orderhubKafkaSwitch", Map.of("orderhub.kafka.enabled", String.valueOf(!brokers.isBlank()))));
    }
}
