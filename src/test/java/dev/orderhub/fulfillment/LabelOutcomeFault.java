package dev.orderhub.fulfillment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A crash right after the carrier answered: once armed, the write that records the outcome of a label purchase (the
 * protocol's UPDATE of external_calls under a {@code :label:} key) fails once, as when the database goes away, on the
 * hub's real DataSource wrapped for the test. The label is bought at the carrier; the hub does not know it.
 */
final class LabelOutcomeFault implements BeanPostProcessor {
    private final AtomicBoolean armed = new AtomicBoolean();
    private final List<String> failedKeys = new CopyOnWriteArrayList<>();

    void arm() {
        armed.set(true);
    }

    List<String> failedKeys() {
        return failedKeys;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
            return new DelegatingDataSource(dataSource) {
                @Override
                public Connection getConnection() throws SQLException {
                    return faulty(super.getConnection());
                }
            };
        }
        return bean;
    }

    private Connection faulty(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement statement
                            && args != null
                            && args[0] instanceof String sql
                            && sql.strip().startsWith("UPDATE external_calls")) {
                        return outcome(statement);
                    }
                    return result;
                });
    }

    private PreparedStatement outcome(PreparedStatement statement) {
        List<Object> values = new CopyOnWriteArrayList<>();
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[1] != null) {
                        values.add(args[1]);
                    }
                    if (method.getName().startsWith("execute")) {
                        String key = values.stream()
                                .map(String::valueOf)
                                .filter(v -> v.contains(":label:"))
                                .findFirst()
                                .orElse(null);
                        if (key != null && values.contains("SUCCEEDED") && armed.compareAndSet(true, false)) {
                            failedKeys.add(key);
                            throw new SQLTransientConnectionException("the database went away (test)");
                        }
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
