package dev.hygge.mysql;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which MySQL / MariaDB errors a flow gets past by running again ({@link dev.hygge.spi.ClassifiesFaults}):
 * deadlock (1213), lock wait timeout (1205), a serialization failure (SQLState {@code 40001}), a
 * connection the server dropped or lost (2006 server has gone away, 2013 lost connection, 1053
 * shutdown in progress, 1927 connection killed, SQLState class {@code 08}; MySQL 8.0.24+'s 4031, the server
 * closing an idle session, told by its message since MariaDB's 4031 is another error). Everything else, and a
 * pool with no free connection (waiting longer is what {@code connection_timeout} is for), is not.
 *
 * <pre>{@code
 * if (MysqlFaults.isTransient(error)) { ... run the flow again ... }
 * }</pre>
 */
final class MysqlFaults {
    private static final Set<Integer> CODES = Set.of(1213, 1205, 2006, 2013, 1053, 1927);

    private MysqlFaults() {}

    /** Whether {@code error} or one of its causes is a transient fault. */
    static boolean isTransient(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return false;
            }
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException e) {
        if (CODES.contains(e.getErrorCode())) {
            return true;
        }
        if (e.getErrorCode() == 4031 && String.valueOf(e.getMessage()).contains("inactivity")) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.startsWith("08"));
    }
}
