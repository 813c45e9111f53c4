package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HomeException;
import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
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
 */
public final class MssqlHome implements Home, dev.hygge.spi.ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlHome.class);

    private final MssqlHomeOptions options;
    private final MssqlConnection connection;
    private final MssqlDialect dialect = new MssqlDialect(false);
    private final String source;
    private final String describe;

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

    /** The SELECT of the whole source. */
    String select() {
        return "SELECT * FROM " + source;
    }

    @Override
    public List<Split> splits() {
        if (options.partitions <= 1) {
            return List.of(new MssqlSplit(select(), describe));
        }
        String column = dialect.quote(options.partitionColumn);
        String range = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + source;
        BigInteger min;
        BigInteger max;
        try (Connection c = connection.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(range)) {
            int type = rs.getMetaData().getColumnType(1);
            int scale = rs.getMetaData().getScale(1);
            if (!isInteger(type, scale)) {
                throw new ConfigException(describe + ": partition_column '" + options.partitionColumn + "' is "
                        + rs.getMetaData().getColumnTypeName(1) + "; it must be an integer column (int, bigint, decimal(p,0)...)");
            }
            rs.next();
            BigDecimal lo = rs.getBigDecimal(1);
            BigDecimal hi = rs.getBigDecimal(2);
            if (lo == null) {
                LOG.info("{}: partition_column '{}' has no values; reading one split", describe, options.partitionColumn);
                return List.of(new MssqlSplit(select(), describe));
            }
            min = lo.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
            max = hi.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
        } catch (SQLException e) {
            throw new HomeException(describe + ": reading the range of partition_column '" + options.partitionColumn
                    + "' failed: " + e.getMessage(), e);
        }
        return ranges(min, max);
    }

    /** {@code partitions} contiguous ranges covering {@code [min, max]}; NULL keys go with the first. */
    List<Split> ranges(BigInteger min, BigInteger max) {
        String column = dialect.quote(options.partitionColumn);
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger parts = BigInteger.valueOf(options.partitions).min(span);
        BigInteger step = span.add(parts).subtract(BigInteger.ONE).divide(parts);
        List<Split> splits = new ArrayList<>();
        BigInteger lo = min;
        for (int i = 0; lo.compareTo(max) <= 0; i++) {
            BigInteger hi = lo.add(step);
            boolean last = hi.compareTo(max) > 0;
            String where = (i == 0 ? "(" + column + " IS NULL OR " : "(") + column + " >= " + lo
                    + (last ? " AND " + column + " <= " + max : " AND " + column + " < " + hi) + ")";
            splits.add(new MssqlSplit(select() + " WHERE " + where,
                    describe + " [" + options.partitionColumn + " " + lo + ".." + (last ? max + "]" : hi + ")")));
            lo = hi;
        }
        return splits;
    }

    private static boolean isInteger(int type, int scale) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
            case Types.DECIMAL, Types.NUMERIC -> scale == 0;
            default -> false;
        };
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        MssqlSplit s = (MssqlSplit) split;
        Connection c = null;
        Statement st = null;
        try {
            c = connection.connection();
            c.setReadOnly(true);
            st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(options.fetchSize);
            st.setQueryTimeout(options.queryTimeout);
            LOG.debug("{}: {}", s.describe(), s.sql());
            ResultSet rs = st.executeQuery(s.sql());
            return ResultSetReader.builder(rs, allocator).batchRows(options.batchSize).types(MssqlTypeConverters.SET)
                    .where(s.describe()).closing(st, c).build();
        } catch (SQLException e) {
            closeQuietly(st, c);
            throw new HomeException(s.describe() + ": the query failed: " + e.getMessage(), e);
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
