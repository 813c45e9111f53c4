package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.KeyRanges;
import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.WatermarkFilter;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a MySQL / MariaDB table or query as Arrow batches through hygge-jdbc's
 * {@link ResultSetReader}, every column typed by {@link MysqlTypeConverters} with the declared
 * length (characters), precision and scale kept in the field metadata.
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
public final class MysqlHome implements Home, SupportsIncremental, ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlHome.class);

    private final MysqlHomeOptions options;
    private final MysqlConnection connection;
    private final MysqlDialect dialect = new MysqlDialect();
    private final String source;
    private final String describe;
    private Optional<String> condition = Optional.empty();
    private List<MysqlWatermark> parameters = List.of();

    MysqlHome(MysqlHomeOptions options, MysqlConnection connection) {
        this.options = requireNonNull(options, "options is null");
        this.connection = requireNonNull(connection, "connection is null");
        if (options.table != null) {
            TableName table = TableName.parse(options.resolve(options.table));
            this.source = dialect.qualify(table);
            this.describe = "mysql " + connection.name() + " table " + table;
        } else {
            this.source = "(" + options.resolve(options.query) + ") AS " + dialect.quote("hygge_query");
            this.describe = "mysql " + connection.name() + " query";
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    /** The SELECT of the source's rows that pass {@code where} (null for all) and the watermark's condition. */
    String select(String where) {
        String all = WatermarkPredicate.and(where, condition);
        return "SELECT * FROM " + source + (all == null ? "" : " WHERE " + all);
    }

    /** The column as the Home reads it, from the metadata of {@code LIMIT 0}; names match ignoring case, as MySQL's do. */
    @Override
    public Optional<Field> column(String name) {
        return describeColumn(name).map(MysqlTypeConverters.SET::field);
    }

    private Optional<JdbcColumn> describeColumn(String name) {
        try (Connection c = connection.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + source + " LIMIT 0")) {
            return JdbcColumn.find(rs.getMetaData(), name);
        } catch (SQLException e) {
            throw new HomeException(describe + ": describing its columns failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        JdbcColumn column = describeColumn(filter.column()).orElseThrow(() -> new HomeException(describe
                + ": there is no column '" + filter.column() + "' to read incrementally; check watermark_column"));
        filter.kindOf(describe, column.name(), MysqlTypeConverters.SET.field(column).getType(), column.typeName(),
                "integer, decimal, date, datetime, timestamp or character");
        condition = WatermarkPredicate.condition(dialect.quote(column.name()), filter, "?");
        parameters = filter.after().map(w -> List.of(MysqlWatermark.of(w))).orElse(List.of());
        LOG.debug("{}: reading rows where {} {}", describe, condition.orElse("(every row)"), parameters);
    }

    @Override
    public List<Split> splits() {
        if (options.partitions <= 1) {
            return List.of(new MysqlSplit(select(null), describe, parameters));
        }
        String column = dialect.quote(options.partitionColumn);
        String range = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + source
                + condition.map(c -> " WHERE " + c).orElse("");
        Optional<KeyRanges.Bounds> bounds;
        try (Connection c = connection.connection(); PreparedStatement st = prepare(c, range, parameters);
             ResultSet rs = st.executeQuery()) {
            bounds = KeyRanges.bounds(rs, describe, options.partitionColumn, "");
        } catch (SQLException e) {
            throw new HomeException(describe + ": reading the range of partition_column '" + options.partitionColumn
                    + "' failed: " + e.getMessage(), e);
        }
        if (bounds.isEmpty()) {
            LOG.info("{}: partition_column '{}' has no values{}; reading one split", describe, options.partitionColumn,
                    condition.isPresent() ? " after the watermark" : "");
            return List.of(new MysqlSplit(select(null), describe, parameters));
        }
        return ranges(bounds.get().min(), bounds.get().max());
    }

    /** Up to {@code partitions} contiguous ranges covering {@code [min, max]}; NULL keys go with the first. */
    List<Split> ranges(BigInteger min, BigInteger max) {
        return KeyRanges.plan(min, max, options.partitions, dialect.quote(options.partitionColumn), options.partitionColumn,
                describe, (where, part) -> new MysqlSplit(select(where), part, parameters));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        MysqlSplit s = (MysqlSplit) split;
        Connection c = null;
        PreparedStatement st = null;
        try {
            c = connection.connection();
            st = prepare(c, s.sql(), s.parameters());
            st.setFetchSize(options.fetchSize);
            st.setQueryTimeout(options.queryTimeout);
            LOG.debug("{}: {} {}", s.describe(), s.sql(), s.parameters());
            ResultSet rs = st.executeQuery();
            return ResultSetReader.builder(rs, allocator).batchRows(options.batchSize).types(MysqlTypeConverters.SET)
                    .where(s.describe()).closing(st, c).build();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(st, c);
            if (e instanceof HomeException h) {
                throw h;
            }
            throw new HomeException(s.describe() + ": the query failed: " + e.getMessage(), e);
        }
    }

    /** A forward-only, read-only statement of {@code sql} with the watermark bound to its parameters. */
    private static PreparedStatement prepare(Connection c, String sql, List<MysqlWatermark> parameters) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).bind(st, i + 1);
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static void closeQuietly(Statement st, Connection c) {
        try {
            if (st != null) {
                st.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing a statement failed", e);
        }
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing a connection failed", e);
        }
    }

    /** Deadlocks, lock wait timeouts and dropped connections ({@link MysqlFaults}). */
    @Override
    public boolean isTransient(Throwable error) {
        return MysqlFaults.isTransient(error);
    }
}
