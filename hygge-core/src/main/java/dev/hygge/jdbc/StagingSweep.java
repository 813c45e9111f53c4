package dev.hygge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the staging tables that interrupted writes of one table left behind (a killed process,
 * a disk that filled up before the drop could run). It runs at the start of each write of the
 * table, under the table's lock.
 *
 * <p>A staging table is recognised by its name: {@link SqlDialect#stagingPrefix} carries a hash of
 * the target, so the prefix survives truncation to the identifier limit and never matches the
 * staging of another table; the write's token then starts with when it began. Where the database
 * admits one process at a time (DuckDB), the lock proves no other write of the table is live and
 * every match goes; elsewhere only those older than {@link #STALE_AFTER}, as a process that does
 * not share this JVM's lock may still be loading one.
 */
final class StagingSweep {
    private static final Logger LOG = LoggerFactory.getLogger(StagingSweep.class);

    /** Digits of the base-36 start time that opens a staging token (seconds since 1970: enough past 2100). */
    static final int TIME_DIGITS = 7;
    /** How old a staging table must be before a write of a shared server's table drops it. */
    static final Duration STALE_AFTER = Duration.ofHours(24);

    private StagingSweep() {}

    /** Drops what {@link #leftovers} finds; a drop that fails is logged and left for the next write. */
    static void run(SqlDialect dialect, Connection connection, TableName target, boolean singleProcess, String at)
            throws SQLException {
        List<TableName> left = leftovers(dialect, connection, target, singleProcess, System.currentTimeMillis() / 1000);
        if (left.isEmpty()) {
            return;
        }
        List<String> dropped = new ArrayList<>();
        for (TableName staging : left) {
            try {
                TableWriter.execute(connection, dialect.dropTableIfExists(staging));
                dropped.add(staging.table());
            } catch (SQLException e) {
                LOG.warn("{}: dropping staging table {} of an interrupted write failed: {}", at, staging, dialect.errorLine(e));
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("{}: dropped {} staging table(s) left by interrupted writes: {}", at, dropped.size(), dropped);
        }
    }

    /** The staging tables of {@code target} that no live write can own, {@code now} in epoch seconds. */
    static List<TableName> leftovers(SqlDialect dialect, Connection connection, TableName target, boolean singleProcess,
                                     long now) throws SQLException {
        List<TableName> left = new ArrayList<>();
        String prefix = dialect.stagingPrefix(target);
        for (TableName staging : dialect.stagingTables(connection, target)) {
            if (singleProcess || startedAt(staging.table(), prefix) < now - STALE_AFTER.toSeconds()) {
                left.add(staging);
            }
        }
        return left;
    }

    /** When the write of {@code name} began (epoch seconds), or {@link Long#MAX_VALUE} when the name does not say. */
    static long startedAt(String name, String prefix) {
        if (name.length() < prefix.length() + TIME_DIGITS) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(name.substring(prefix.length(), prefix.length() + TIME_DIGITS), 36);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
