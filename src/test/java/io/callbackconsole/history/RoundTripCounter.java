package io.callbackconsole.history;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A real connection that counts what it sends to the server: each statement executed (one message exchange with the
 * server, however many statements its SQL holds) and each commit. Everything is done by the real connection; this only
 * counts, so a test can say how many round trips a write costs on a team history.
 */
final class RoundTripCounter {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final List<String> sent = new ArrayList<>();

    /** The connection, counting. */
    Connection counting(Connection real) {
        return proxy(Connection.class, real, (method, args) -> {
            if (method.getName().equals("commit")) {
                sent.add("COMMIT");
            }
        }, (method, args, result) -> {
            if (result instanceof PreparedStatement prepared) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, prepared, (m, a) -> countExecute(m, a, sql), null);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, (m, a) -> countExecute(m, a, null), null);
            }
            return result;
        });
    }

    /** The round trips so far: the SQL of each statement executed, and COMMIT for each commit, in order. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    int roundTrips() {
        return sent.size();
    }

    private void countExecute(Method method, Object[] args, String preparedSql) {
        if (EXECUTES.contains(method.getName())) {
            sent.add(preparedSql != null ? preparedSql : args != null && args.length > 0 ? (String) args[0] : "?");
        }
    }

    private interface Before {
        void run(Method method, Object[] args);
    }

    private interface After {
        Object wrap(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T real, Before before, After after) {
        InvocationHandler handler = (self, method, args) -> {
            before.run(method, args);
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after == null ? result : after.wrap(method, args, result);
        };
        return type.cast(Proxy.newProxyInstance(RoundTripCounter.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
