package dev.hygge.mssql;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which SQL Server errors are worth retrying, and the retry loop with backoff that a bulk-copy
 * batch runs in.
 *
 * <pre>{@code
 * TransientFaults faults = new TransientFaults(3, Duration.ofSeconds(1));
 * long rows = faults.run("dbo.users batch 12", attempt -> copy(connection, batch), this::reconnect);
 * }</pre>
 *
 * <p>Transient: deadlock victim (1205), lock request timeout (1222), Azure SQL's throttling and
 * failover errors (40197, 40501, 40613, 49918–49920, 4221, 10928, 10929), and a broken connection
 * (SQLState class {@code 08}, e.g. {@code 08S01}). Everything else fails at once with the
 * server's message. A pool that has no free connection is not retried: waiting longer is what
 * {@code connection_timeout} is for.
 */
final class TransientFaults {
    private static final Logger LOG = LoggerFactory.getLogger(TransientFaults.class);
    private static final Set<Integer> CODES = Set.of(1205, 1222, 40197, 40501, 40613, 49918, 49919, 49920, 4221,
            10928, 10929, 233, 10053, 10054, 10060, 64, 20);

    /** One attempt of a batch. */
    interface Attempt<T> {
        T run(int attempt) throws SQLException;
    }

    /** Gets the work ready for another attempt (a new connection). */
    interface Recovery {
        void recover(SQLException failure) throws SQLException;
    }

    /** How to wait between attempts (tests pass a recorder). */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxRetries;
    private final Duration backoff;
    private final Sleeper sleeper;

    TransientFaults(int maxRetries, Duration backoff) {
        this(maxRetries, backoff, d -> Thread.sleep(d.toMillis()));
    }

    TransientFaults(int maxRetries, Duration backoff, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** Whether {@code e} (or an exception chained to it) is one a retry can get past. */
    static boolean isTransient(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x instanceof SQLTransientConnectionException) {
                return false;
            }
            if (CODES.contains(x.getErrorCode())) {
                return true;
            }
            String state = x.getSQLState();
            if (state != null && state.startsWith("08")) {
                return true;
            }
            if (x.getNextException() == x) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether {@code error} or one of its causes is a transient SQL Server fault ({@link #isTransient(SQLException)}):
     * what the Home's and the Store's {@link dev.hygge.spi.ClassifiesFaults} answer, so the engine
     * runs a flow that failed with one again from the start.
     */
    static boolean isTransient(Throwable error) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code attempt}, and after a transient fault {@code recovery} then the attempt again,
     * waiting {@code backoff × 2^(n-1)} before retry n, at most {@code maxRetries} times.
     */
    <T> T run(String what, Attempt<T> attempt, Recovery recovery) throws SQLException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (n > maxRetries) {
                    throw new SQLException(what + ": gave up after " + n + " attempts; last error: " + e.getMessage(),
                            e.getSQLState(), e.getErrorCode(), e);
                }
                Duration wait = backoff.multipliedBy(1L << Math.min(n - 1, 16));
                LOG.warn("{}: transient fault (error {}, state {}): {}; retry {} of {} in {} ms", what, e.getErrorCode(),
                        e.getSQLState(), e.getMessage(), n, maxRetries, wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    SQLException stop = new SQLException(what + ": interrupted while waiting to retry", interrupted);
                    stop.addSuppressed(e);
                    throw stop;
                }
                recovery.recover(e);
            }
        }
    }
}
