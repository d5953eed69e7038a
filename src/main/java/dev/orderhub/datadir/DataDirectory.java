package dev.orderhub.datadir;

import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates {@code orderhub.data-dir} and the folders under it owner-only before any bean (database, broker, API keys, file routes) writes there:
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
        Path data = OwnerOnly.directories(Path.of(environment.getRequiredProperty("orderhub.data-dir")));
        // the folders the hub's own parts write to (partner folders are made by their routes, the broker's by it)
        for (String folder : List.of(
                "db",
                "inbox",
                "inbox/inventory",
                "inbox/inventory/.done",
                "inbox/inventory/.error",
                "outbox",
                "work")) {
            OwnerOnly.directories(data.resolve(folder));
        }
    }
}
