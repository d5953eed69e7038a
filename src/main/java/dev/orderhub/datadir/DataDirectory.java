package dev.orderhub.datadir;

import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates {@code orderhub.data-dir} owner-only before any bean (database, broker, API keys, file routes) writes there:
 * it holds orders, addresses and the generated secrets.
 */
@Component
class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware {
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        OwnerOnly.directories(Path.of(environment.getRequiredProperty("orderhub.data-dir")));
    }
}
