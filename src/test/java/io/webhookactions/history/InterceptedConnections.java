package io.webhookactions.history;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real connections of a real database with a hook around each JDBC call, for tests that need something to happen at
 * an exact point of the store's work (another instance's retention between two statements, a commit whose answer is
 * lost) or need to count connections. No database behaviour is faked: every call reaches the real connection unless
 * the hook throws.
 */
final class InterceptedConnections {

    /** Runs around one call on a connection: {@code proceed} makes it. */
    @FunctionalInterface
    interface Hook {
        Object around(Method method, Object[] arguments, Callable<Object> proceed) throws Throwable;
    }

    private InterceptedConnections() {
    }

    /** Connections of {@code database} whose calls go through {@code hook}. */
    static HistoryStore.Connections of(HistoryDatabase database, Hook hook) {
        return () -> {
            Connection connection = database.connection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, arguments) -> hook.around(method, arguments, () -> {
                        try {
                            return method.invoke(connection, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause() instanceof Exception cause ? cause : e;
                        }
                    }));
        };
    }

    /** Connections that count how many are open now ({@code open}) and at most at once ({@code most}). */
    static HistoryStore.Connections counted(HistoryDatabase database, AtomicInteger open, AtomicInteger most) {
        HistoryStore.Connections connections = of(database, (method, arguments, proceed) -> {
            if (method.getName().equals("close")) {
                open.decrementAndGet();
            }
            return proceed.call();
        });
        return () -> {
            Connection connection = connections.get();
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            return connection;
        };
    }

    /**
     * Connections on which {@code retention} (another instance's) runs once, just before the first statement whose SQL
     * contains {@code at} is prepared, and must delete {@code deletes} records; {@code ran} tells whether it did.
     */
    static HistoryStore.Connections racedBy(HistoryDatabase database, String at, Retention retention, long deletes, AtomicBoolean ran) {
        return of(database, (method, arguments, proceed) -> {
            if (method.getName().equals("prepareStatement") && ((String) arguments[0]).contains(at) && ran.compareAndSet(false, true)) {
                long deleted = retention.enforce();
                if (deleted != deletes) {
                    throw new AssertionError("the other instance's retention deleted " + deleted + " records, not " + deletes);
                }
            }
            return proceed.call();
        });
    }
}
