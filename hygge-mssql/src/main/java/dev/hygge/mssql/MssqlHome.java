package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.jdbc.home.StatementHome;
import dev.hygge.jdbc.home.StatementSplit;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.Watermark;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads a SQL Server table or query as Arrow batches through hygge-jdbc's {@link ResultSetReader}
 * (Arrow's JDBC adapter), every column typed by SQL Server's converter set
 * ({@link MssqlTypeConverters}) with the declared length, precision and scale kept in the field
 * metadata for schema inference downstream. The reading itself is hygge-jdbc's {@link StatementHome}.
 *
 * <pre>{@code
 * home: {type: mssql, connection: warehouse, table: "crm.{entity}", partition_column: Id, partitions: 8}
 * }</pre>
 *
 * <p>With {@code partition_column} and {@code partitions > 1} the Home reads
 * {@code MIN}/{@code MAX} of that integer column once and offers {@code partitions} key ranges as
 * splits, read in parallel on separate pooled connections (rows whose key is NULL go with the
 * first range). Each split is its own statement at the connection's isolation level (read
 * committed by default), so the splits are not one snapshot: rows inserted, deleted or re-keyed
 * while the read runs may be missed or seen twice. Read a table that is not being written, or a
 * database snapshot, when that matters; with one partition the read is one statement.
 *
 * <p>Incremental reads ({@link SupportsIncremental}) add {@code [col] > ?} to the table read, the
 * {@code MIN}/{@code MAX} of the partition column (so the key ranges cut the new rows evenly) and
 * every key-range split, so the read stays parallel; a {@code query:} Home is already read as
 * {@code SELECT * FROM (query) AS [hygge_query]} and gets the same {@code WHERE}, never a full
 * read. The watermark is bound as a parameter of the column's SQL Server type ({@link MssqlWatermark}).
 */
public final class MssqlHome extends StatementHome<MssqlWatermark> {
    MssqlHome(MssqlHomeOptions options, MssqlConnection connection) {
        super("mssql", requireNonNull(connection, "connection is null").name(), options, connection::connection, new MssqlDialect(false), MssqlTypeConverters.SET);
    }

    /** {@code SELECT TOP 0 *}: the columns named as SQL Server's default collations match names, exactly, else ignoring case. */
    @Override
    protected String noRows(String source) {
        return "SELECT TOP 0 * FROM " + source;
    }

    @Override
    protected MssqlWatermark bound(JdbcColumn column, Watermark watermark) {
        return MssqlWatermark.of(column, watermark);
    }

    @Override
    protected String watermarkKinds() {
        return "integer, decimal, date, datetime2, datetimeoffset or character";
    }

    @Override
    protected String partitionKinds() {
        return " (int, bigint, decimal(p,0)...)";
    }

    @Override
    protected StatementSplit split(String sql, String describe, List<MssqlWatermark> parameters) {
        return new MssqlSplit(sql, describe, parameters);
    }

    /** A split's connection reads only. */
    @Override
    protected void prepareConnection(Connection connection) throws SQLException {
        connection.setReadOnly(true);
    }

    /** Transient by {@link TransientFaults}' list: deadlock victims, throttling, failovers, broken connections. */
    @Override
    public boolean isTransient(Throwable error) {
        return TransientFaults.isTransient(error);
    }
}
