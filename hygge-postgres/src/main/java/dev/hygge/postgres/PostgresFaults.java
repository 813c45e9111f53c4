package dev.hygge.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Which PostgreSQL errors a retry can get past, by SQLSTATE: serialization failure
 * ({@code 40001}), deadlock ({@code 40P01}) and a broken or refused connection (class {@code 08}).
 * A pool with no free connection ({@link SQLTransientConnectionException}) is not: waiting longer
 * is what {@code connection_timeout} is for. Everything else (a constraint, a bad value, a missing
 * table) fails at once with the server's message.
 */
final class PostgresFaults {
    private PostgresFaults() {}

    static boolean isTransient(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLTransientConnectionException) {
                return false;
            }
            if (e instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransientState(String state) {
        return state != null && (state.equals("40001") || state.equals("40P01") || state.startsWith("08"));
    }
}
