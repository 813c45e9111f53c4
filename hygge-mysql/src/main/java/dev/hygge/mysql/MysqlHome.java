package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.jdbc.home.StatementHome;
import dev.hygge.jdbc.home.StatementSplit;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.Watermark;
import java.util.List;

/**
 * Reads a MySQL / MariaDB table or query as Arrow batches through hygge-jdbc's
 * {@link ResultSetReader}, every column typed by {@link MysqlTypeConverters} with the declared
 * length (characters), precision and scale kept in the field metadata. The reading itself is
 * hygge-jdbc's {@link StatementHome}.
 *
 * <pre>{@code
 * home: {type: mysql, connection: shop, table: "shop.{entity}", partition_column: id, partitions: 4}
 * }</pre>
 *
 * <p>The result is streamed: with a fetch size the driver reads rows from the socket as the batches
 * need them, never the whole result into memory. With {@code partition_column} and
 * {@code partitions > 1} the Home reads {@code MIN}/{@code MAX} of that integer column once and
 * offers key ranges as splits, read in parallel on separate pooled connections (NULL keys go with
 * the first range). The splits are separate statements, not one snapshot: rows changed while
 * the read runs may be missed or seen twice.
 *
 * <p>Incremental reads ({@link SupportsIncremental}) add {@code `col` > ?} to the table read, the
 * range query and every split; a {@code query:} is read as {@code SELECT * FROM (query) AS
 * `hygge_query`} and gets the same condition. The watermark is a typed parameter ({@link MysqlWatermark}).
 */
public final class MysqlHome extends StatementHome<MysqlWatermark> {
    MysqlHome(MysqlHomeOptions options, MysqlConnection connection) {
        super("mysql", requireNonNull(connection, "connection is null").name(), options, connection::connection, new MysqlDialect(), MysqlTypeConverters.SET);
    }

    /** {@code LIMIT 0}: names match ignoring case, as MySQL's do. */
    @Override
    protected String noRows(String source) {
        return "SELECT * FROM " + source + " LIMIT 0";
    }

    @Override
    protected MysqlWatermark bound(JdbcColumn column, Watermark watermark) {
        return MysqlWatermark.of(watermark);
    }

    @Override
    protected String watermarkKinds() {
        return "integer, decimal, date, datetime, timestamp or character";
    }

    @Override
    protected StatementSplit split(String sql, String describe, List<MysqlWatermark> parameters) {
        return new MysqlSplit(sql, describe, parameters);
    }

    /** Deadlocks, lock wait timeouts and dropped connections ({@link MysqlFaults}). */
    @Override
    public boolean isTransient(Throwable error) {
        return MysqlFaults.isTransient(error);
    }
}
