package dev.hygge.jdbc.home;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.ConnectionSource;
import dev.hygge.jdbc.KeyRanges;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.jdbc.arrow.TypeConverters;
import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.Watermark;
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
 * A SQL Home that reads a table or query through a pooled JDBC connection and a forward-only
 * prepared statement, as Arrow batches ({@link ResultSetReader}), the columns typed by the
 * database's converter set. What a database adds: how to ask for no rows (for the columns), how to
 * bind a watermark as its column's type, and its split record.
 *
 * <pre>{@code
 * public final class MysqlHome extends StatementHome<MysqlWatermark> { ... }
 * }</pre>
 *
 * <p>With {@code partition_column} and {@code partitions > 1} the Home reads {@code MIN}/{@code MAX}
 * of that integer column once and offers key ranges as splits ({@link KeyRanges}), read in
 * parallel on separate pooled connections (NULL keys go with the first range); the splits are
 * separate statements, not one snapshot. An incremental read ({@link SupportsIncremental}) adds the
 * watermark's condition, bound as a parameter, to the read, the range query and every split.
 *
 * @param <W> the database's watermark parameter
 */
public abstract class StatementHome<W extends BoundValue> implements Home, SupportsIncremental, ClassifiesFaults {
    /** The plugin's own logger, so its Home logs under its own name. */
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final StatementHomeOptions options;
    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final TypeConverters types;
    private final String source;
    private final String describe;
    /** The incremental condition (one '?' when {@link #parameters} holds the watermark), or empty. */
    private Optional<String> condition = Optional.empty();
    private List<W> parameters = List.of();

    /**
     * @param type the Home's type, first word of its description ("mysql")
     * @param connectionName the named connection, for the description
     */
    protected StatementHome(String type, String connectionName, StatementHomeOptions options, ConnectionSource connections,
            SqlDialect dialect, TypeConverters types) {
        this.options = requireNonNull(options, "options is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.types = requireNonNull(types, "types is null");
        if (options.table != null) {
            TableName table = TableName.parse(options.resolve(options.table));
            this.source = dialect.qualify(table);
            this.describe = type + " " + connectionName + " table " + table;
        } else {
            this.source = "(" + options.resolve(options.query) + ") AS " + dialect.quote("hygge_query");
            this.describe = type + " " + connectionName + " query";
        }
    }

    /** The SELECT of {@code source} that returns no rows, only its columns' metadata. */
    protected abstract String noRows(String source);

    /** The watermark as a parameter bound as {@code column}'s type. */
    protected abstract W bound(JdbcColumn column, Watermark watermark);

    /** The kinds of column a watermark may be, in the database's words, for the error that refuses one. */
    protected abstract String watermarkKinds();

    /** The split of the rows {@code sql} reads. */
    protected abstract StatementSplit split(String sql, String describe, List<W> parameters);

    /** Said after a partition column's name when it holds no integers: " (int, bigint, ...)", or empty. */
    protected String partitionKinds() {
        return "";
    }

    /** Readies a pooled connection before a split's statement is prepared on it; nothing by default. */
    protected void prepareConnection(Connection connection) throws SQLException {}

    @Override
    public String describe() {
        return describe;
    }

    /** The SELECT of the whole source, or of its rows after the watermark once restricted. */
    public String select() {
        return select(null);
    }

    /** The SELECT of the source's rows that pass {@code where} (null for all) and the watermark's condition. */
    protected String select(String where) {
        String all = WatermarkPredicate.and(where, condition);
        return "SELECT * FROM " + source + (all == null ? "" : " WHERE " + all);
    }

    /** The column as the Home reads it, from the metadata of {@link #noRows} (no row read), named exactly, else ignoring case. */
    @Override
    public Optional<Field> column(String name) {
        return describeColumn(name).map(types::field);
    }

    private Optional<JdbcColumn> describeColumn(String name) {
        try (Connection c = connections.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(noRows(source))) {
            return JdbcColumn.find(rs.getMetaData(), name);
        } catch (SQLException e) {
            throw new HomeException(describe + ": describing its columns failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        JdbcColumn column = describeColumn(filter.column()).orElseThrow(() -> new HomeException(describe
                + ": there is no column '" + filter.column() + "' to read incrementally; check watermark_column"));
        filter.kindOf(describe, column.name(), types.field(column).getType(), column.typeName(), watermarkKinds());
        condition = WatermarkPredicate.condition(dialect.quote(column.name()), filter, "?");
        parameters = filter.after().map(w -> List.of(bound(column, w))).orElse(List.of());
        log.debug("{}: reading rows where {} {}", describe, condition.orElse("(every row)"), parameters);
    }

    @Override
    public List<Split> splits() {
        if (options.partitions <= 1) {
            return List.of(split(select(), describe, parameters));
        }
        String column = dialect.quote(options.partitionColumn);
        String range = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + source
                + condition.map(c -> " WHERE " + c).orElse("");
        Optional<KeyRanges.Bounds> bounds;
        try (Connection c = connections.open(); PreparedStatement st = prepare(c, range, parameters);
             ResultSet rs = st.executeQuery()) {
            bounds = KeyRanges.bounds(rs, describe, options.partitionColumn, partitionKinds());
        } catch (SQLException e) {
            throw new HomeException(describe + ": reading the range of partition_column '" + options.partitionColumn
                    + "' failed: " + e.getMessage(), e);
        }
        if (bounds.isEmpty()) {
            log.info("{}: partition_column '{}' has no values{}; reading one split", describe, options.partitionColumn,
                    condition.isPresent() ? " after the watermark" : "");
            return List.of(split(select(), describe, parameters));
        }
        return ranges(bounds.get().min(), bounds.get().max());
    }

    /** Up to {@code partitions} contiguous ranges covering {@code [min, max]}; NULL keys go with the first. */
    public List<Split> ranges(BigInteger min, BigInteger max) {
        return KeyRanges.plan(min, max, options.partitions, dialect.quote(options.partitionColumn), options.partitionColumn,
                describe, (where, part) -> split(select(where), part, parameters));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        StatementSplit s = (StatementSplit) split;
        log.debug("{}: {} {}", s.describe(), s.sql(), s.parameters());
        Connection c = null;
        PreparedStatement st = null;
        try {
            c = connections.open();
            prepareConnection(c);
            st = prepare(c, s.sql(), s.parameters());
            st.setFetchSize(options.fetchSize);
            st.setQueryTimeout(options.queryTimeout);
            ResultSet rs = st.executeQuery();
            return ResultSetReader.builder(rs, allocator).batchRows(options.batchSize).types(types)
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
    private static PreparedStatement prepare(Connection c, String sql, List<? extends BoundValue> parameters) throws SQLException {
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

    private void closeQuietly(Statement st, Connection c) {
        try {
            if (st != null) {
                st.close();
            }
        } catch (SQLException e) {
            log.debug("closing a statement failed", e);
        }
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            log.debug("closing a connection failed", e);
        }
    }
}
