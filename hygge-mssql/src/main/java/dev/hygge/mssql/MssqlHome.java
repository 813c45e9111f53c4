package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.HomeException;
import dev.hygge.jdbc.KeyRanges;
import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.spi.Home;
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
 * Reads a SQL Server table or query as Arrow batches through hygge-jdbc's {@link ResultSetReader}
 * (Arrow's JDBC adapter), every column typed by SQL Server's converter set
 * ({@link MssqlTypeConverters}) with the declared length, precision and scale kept in the field
 * metadata for schema inference downstream.
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
public final class MssqlHome implements Home, SupportsIncremental, dev.hygge.spi.ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlHome.class);

    private final MssqlHomeOptions options;
    private final MssqlConnection connection;
    private final MssqlDialect dialect = new MssqlDialect(false);
    private final String source;
    private final String describe;
    /** The incremental condition (one '?' when {@link #parameters} holds the watermark), or empty. */
    private Optional<String> condition = Optional.empty();
    private List<MssqlWatermark> parameters = List.of();

    MssqlHome(MssqlHomeOptions options, MssqlConnection connection) {
        this.options = requireNonNull(options, "options is null");
        this.connection = requireNonNull(connection, "connection is null");
        if (options.table != null) {
            TableName table = TableName.parse(options.resolve(options.table));
            this.source = dialect.qualify(table);
            this.describe = "mssql " + connection.name() + " table " + table;
        } else {
            this.source = "(" + options.resolve(options.query) + ") AS " + dialect.quote("hygge_query");
            this.describe = "mssql " + connection.name() + " query";
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    /** The SELECT of the whole source, or of its rows after the watermark once restricted. */
    String select() {
        return select(null);
    }

    /** The SELECT of the source's rows that pass {@code where} (null for all) and the watermark's condition. */
    private String select(String where) {
        String all = WatermarkPredicate.and(where, condition);
        return "SELECT * FROM " + source + (all == null ? "" : " WHERE " + all);
    }

    /**
     * The column as the Home reads it, from the metadata of {@code SELECT TOP 0 *} (no row read),
     * named as SQL Server's default collations match names: exactly, else ignoring case.
     */
    @Override
    public Optional<Field> column(String name) {
        return describeColumn(name).map(MssqlTypeConverters.SET::field);
    }

    private Optional<JdbcColumn> describeColumn(String name) {
        try (Connection c = connection.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TOP 0 * FROM " + source)) {
            return JdbcColumn.find(rs.getMetaData(), name);
        } catch (SQLException e) {
            throw new HomeException(describe + ": describing its columns failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        JdbcColumn column = describeColumn(filter.column()).orElseThrow(() -> new HomeException(describe
                + ": there is no column '" + filter.column() + "' to read incrementally; check watermark_column"));
        filter.kindOf(describe, column.name(), MssqlTypeConverters.SET.field(column).getType(), column.typeName(),
                "integer, decimal, date, datetime2, datetimeoffset or character");
        condition = WatermarkPredicate.condition(dialect.quote(column.name()), filter, "?");
        parameters = filter.after().map(w -> List.of(MssqlWatermark.of(column, w))).orElse(List.of());
        LOG.debug("{}: reading rows where {} {}", describe, condition.orElse("(every row)"), parameters);
    }

    @Override
    public List<Split> splits() {
        if (options.partitions <= 1) {
            return List.of(new MssqlSplit(select(), describe, parameters));
        }
        String column = dialect.quote(options.partitionColumn);
        String range = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + source
                + condition.map(c -> " WHERE " + c).orElse("");
        Optional<KeyRanges.Bounds> bounds;
        try (Connection c = connection.connection(); PreparedStatement st = prepare(c, range, parameters);
             ResultSet rs = st.executeQuery()) {
            bounds = KeyRanges.bounds(rs, describe, options.partitionColumn, " (int, bigint, decimal(p,0)...)");
        } catch (SQLException e) {
            throw new HomeException(describe + ": reading the range of partition_column '" + options.partitionColumn
                    + "' failed: " + e.getMessage(), e);
        }
        if (bounds.isEmpty()) {
            LOG.info("{}: partition_column '{}' has no values{}; reading one split", describe, options.partitionColumn,
                    condition.isPresent() ? " after the watermark" : "");
            return List.of(new MssqlSplit(select(), describe, parameters));
        }
        return ranges(bounds.get().min(), bounds.get().max());
    }

    /** {@code partitions} contiguous ranges covering {@code [min, max]}; NULL keys go with the first. */
    List<Split> ranges(BigInteger min, BigInteger max) {
        return KeyRanges.plan(min, max, options.partitions, dialect.quote(options.partitionColumn), options.partitionColumn,
                describe, (where, part) -> new MssqlSplit(select(where), part, parameters));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        MssqlSplit s = (MssqlSplit) split;
        Connection c = null;
        PreparedStatement st = null;
        try {
            c = connection.connection();
            c.setReadOnly(true);
            st = prepare(c, s.sql(), s.parameters());
            st.setFetchSize(options.fetchSize);
            st.setQueryTimeout(options.queryTimeout);
            LOG.debug("{}: {} {}", s.describe(), s.sql(), s.parameters());
            ResultSet rs = st.executeQuery();
            return ResultSetReader.builder(rs, allocator).batchRows(options.batchSize).types(MssqlTypeConverters.SET)
                    .where(s.describe()).closing(st, c).build();
        } catch (SQLException e) {
            closeQuietly(st, c);
            throw new HomeException(s.describe() + ": the query failed: " + e.getMessage(), e);
        }
    }

    /** A forward-only, read-only statement of {@code sql} with the watermark bound to its parameters. */
    private static PreparedStatement prepare(Connection c, String sql, List<MssqlWatermark> parameters) throws SQLException {
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

    /** Transient by {@link TransientFaults}' list: deadlock victims, throttling, failovers, broken connections. */
    @Override
    public boolean isTransient(Throwable error) {
        return TransientFaults.isTransient(error);
    }
}
