package dev.orderhub.payment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A crash right after an outside system answered: for the orders a test names, the n-th database write of the
 * hub's thread after each gateway answer fails once (a transient JDBC failure, as when the database goes away), on
 * the hub's real DataSource wrapped for the test. Write 1 is the outcome's record; later ones reach the order's
 * own change. Each idempotency key is faulted once, so the run after it goes through.
 */
final class DatabaseFaults implements BeanPostProcessor {
    private record Armed(String orderId, String key, int[] writesLeft) {}

    /** One write that was made to fail. */
    record FailedWrite(String orderId, String idempotencyKey, String sql) {}

    private final Map<String, Integer> writeToFail = new ConcurrentHashMap<>();
    private final Set<String> faultedKeys = ConcurrentHashMap.newKeySet();
    private final List<FailedWrite> failed = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Armed> armed = new ThreadLocal<>();

    /** After each gateway answer for this order, its {@code nthWrite}-th write on that thread fails. */
    void failAfterEachAnswer(String orderId, int nthWrite) {
        writeToFail.put(orderId, nthWrite);
    }

    /** The gateway answered: arms the thread, once per key, for an order the test named. */
    void answered(String orderId, String idempotencyKey) {
        Integer nth = writeToFail.get(orderId);
        if (nth != null && faultedKeys.add(idempotencyKey)) {
            armed.set(new Armed(orderId, idempotencyKey, new int[] {nth}));
        }
    }

    List<FailedWrite> failedWritesOf(String orderId) {
        return failed.stream().filter(f -> f.orderId().equals(orderId)).toList();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
            return new DelegatingDataSource(dataSource) {
                @Override
                public Connection getConnection() throws SQLException {
                    return faulty(super.getConnection());
                }

                @Override
                public Connection getConnection(String username, String password) throws SQLException {
                    return faulty(super.getConnection(username, password));
                }
            };
        }
        return bean;
    }

    private Connection faulty(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")
                            && args != null
                            && args[0] instanceof String sql
                            && isWrite(sql)) {
                        failIfArmed(sql);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void failIfArmed(String sql) throws SQLTransientConnectionException {
        Armed current = armed.get();
        if (current != null && --current.writesLeft()[0] == 0) {
            armed.remove();
            failed.add(new FailedWrite(current.orderId(), current.key(), sql.strip()));
            throw new SQLTransientConnectionException(
                    "injected: the database went away after the gateway answered " + current.key());
        }
    }

    private static boolean isWrite(String sql) {
        String verb = sql.strip().toUpperCase(Locale.ROOT);
        return verb.startsWith("INSERT") || verb.startsWith("UPDATE") || verb.startsWith("DELETE");
    }
}
