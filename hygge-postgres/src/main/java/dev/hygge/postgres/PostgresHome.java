package dev.hygge.postgres;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.KeyRanges;
import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a PostgreSQL table or query as Arrow batches through binary
 * {@code COPY (SELECT …) TO STDOUT (FORMAT binary)}, decoded straight into vectors
 * ({@link CopyReader}, {@link CopyDecoders}), with declared lengths, precision and scale kept in the
 * field metadata for inference downstream. A column of a type with no decoder is read as its text.
 *
 * <pre>{@code
 * home: {type: postgres, connection: warehouse, table: "crm.{entity}", partition_column: id, partitions: 4}
 * }</pre>
 *
 * <p>With {@code partition_column} and {@code partitions > 1} the Home reads {@code MIN}/{@code MAX}
 * of that integer column once and offers {@code partitions} key ranges as splits, each read on a
 * connection of its own (rows whose key is NULL go with the first range). Each split is its own
 * statement, so the splits are not one snapshot: rows written while the read runs may be missed or
 * seen twice; read a table that is not being written when that matters.
 *
 * <p>Incremental reads ({@link SupportsIncremental}) add {@code col > literal} to the table read,
 * the {@code MIN}/{@code MAX} and every key range. COPY binds no parameters, so the watermark is a
 * literal escaped by the driver and cast to the column's own type ({@link PostgresLiteral}): the
 * comparison is the column's, at full precision, and an index on it serves.
 */
public final class PostgresHome implements Home, SupportsIncremental, ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresHome.class);

    private final PostgresHomeOptions options;
    private final PostgresConnection connection;
    private final PostgresDialect dialect = new PostgresDialect();
    private final String source;
    private final String table;
    private final String describe;
    private Optional<String> condition = Optional.empty();
    private Columns columns;

    /** The columns as read: the schema, each decoder, and the SELECT list. */
    private record Columns(List<PgType.Column> types, Schema schema, CopyDecoder[] decoders, String list) {}

    PostgresHome(PostgresHomeOptions options, PostgresConnection connection) {
        this.options = requireNonNull(options, "options is null");
        this.connection = requireNonNull(connection, "connection is null");
        if (options.table != null) {
            this.table = dialect.qualify(TableName.parse(options.resolve(options.table)));
            this.source = table;
            this.describe = "postgres " + connection.name() + " table " + options.resolve(options.table);
        } else {
            this.table = null;
            this.source = "(" + options.resolve(options.query) + ") AS " + dialect.quote("hygge_query");
            this.describe = "postgres " + connection.name() + " query";
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    private synchronized Columns columns() {
        if (columns == null) {
            try (Connection c = connection.connection()) {
                columns = describe(c);
            } catch (SQLException e) {
                throw new HomeException(describe + ": describing its columns failed: " + dialect.errorLine(e), e);
            }
        }
        return columns;
    }

    private Columns describe(Connection c) throws SQLException {
        List<PgType.Column> types = table != null ? PgType.columns(c, table) : queryColumns(c);
        List<Field> fields = new ArrayList<>();
        CopyDecoder[] decoders = new CopyDecoder[types.size()];
        List<String> select = new ArrayList<>();
        boolean cast = false;
        for (int i = 0; i < decoders.length; i++) {
            PgType.Column column = types.get(i);
            CopyDecoder decoder = CopyDecoders.of(column.type(), column.name());
            String expression = dialect.quote(column.name());
            if (decoder == null) {
                decoder = CopyDecoder.of(ArrowType.Utf8.INSTANCE, Map.of(dev.hygge.schema.SqlFieldMetadata.TYPE,
                        column.type().sql()), (b, off, len, v, row) -> ((org.apache.arrow.vector.VarCharVector) v).setSafe(row, b, off, len));
                expression = "CAST(" + expression + " AS text)";
                cast = true;
            }
            decoders[i] = decoder;
            select.add(expression);
            fields.add(field(column.name(), decoder));
        }
        String list = table == null && !cast ? "*" : String.join(", ", select);
        return new Columns(types, new Schema(fields), decoders, list);
    }

    private static Field field(String name, CopyDecoder decoder) {
        List<Field> children = decoder.element() == null ? List.of() : List.of(field("element", decoder.element()));
        return new Field(name, decoder.type(true), children);
    }

    /** A query's columns from the metadata of {@code LIMIT 0}: names, types, and the modifiers pgjdbc reports. */
    private List<PgType.Column> queryColumns(Connection c) throws SQLException {
        List<PgType.Column> types = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + source + " LIMIT 0")) {
            ResultSetMetaData metadata = rs.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                String typeName = metadata.getColumnTypeName(i);
                int precision = metadata.getPrecision(i);
                int typmod = switch (typeName) {
                    case "numeric" -> precision > 0 && precision <= 1000 ? ((precision << 16) | metadata.getScale(i)) + 4 : -1;
                    case "varchar", "bpchar" -> precision > 0 && precision < 10_485_760 ? precision + 4 : -1;
                    default -> -1;
                };
                types.add(new PgType.Column(metadata.getColumnLabel(i), PgType.byName(c, typeName, typmod)));
            }
        }
        return types;
    }

    /** The SELECT of the source's rows that pass {@code where} (null for all) and the watermark's condition. */
    String select(String where) {
        String all = WatermarkPredicate.and(where, condition);
        return "SELECT " + columns().list() + " FROM " + source + (all == null ? "" : " WHERE " + all);
    }

    @Override
    public Optional<Field> column(String name) {
        return find(name).map(i -> columns().schema().getFields().get(i));
    }

    /** The column named {@code name} exactly, else ignoring case. */
    private Optional<Integer> find(String name) {
        List<PgType.Column> types = columns().types();
        Integer loose = null;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).name().equals(name)) {
                return Optional.of(i);
            }
            if (loose == null && types.get(i).name().equalsIgnoreCase(name)) {
                loose = i;
            }
        }
        return Optional.ofNullable(loose);
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        int index = find(filter.column()).orElseThrow(() -> new HomeException(describe + ": there is no column '"
                + filter.column() + "' to read incrementally; check watermark_column"));
        PgType.Column column = columns().types().get(index);
        Field field = columns().schema().getFields().get(index);
        Watermark.Kind kind = Watermark.Kind.of(field.getType()).orElseThrow(() -> new HomeException(describe
                + ": the watermark column '" + column.name() + "' is " + column.type().sql() + ", which cannot be compared"
                + " as a watermark; choose an integer, numeric(p,s), date, timestamp, timestamptz or text column"));
        if (column.type().name().equals("numeric") && field.getType() instanceof ArrowType.Utf8) {
            throw new HomeException(describe + ": the watermark column '" + column.name() + "' is numeric without a"
                    + " precision, read as text, where '9' sorts after '10'; declare it numeric(p,s) or read a query that casts it");
        }
        filter.checkKind(describe, column.name(), kind);
        String literal = null;
        if (filter.after().isPresent()) {
            try (Connection c = connection.connection()) {
                literal = PostgresLiteral.of(filter.after().get(), PgType.castName(c, column.type()));
            } catch (SQLException e) {
                throw new HomeException(describe + ": naming the watermark column's type failed: " + dialect.errorLine(e), e);
            }
        }
        condition = WatermarkPredicate.condition(dialect.quote(column.name()), filter, literal == null ? "NULL" : literal);
        LOG.debug("{}: reading rows where {}", describe, condition.orElse("(every row)"));
    }

    @Override
    public List<Split> splits() {
        if (options.partitions <= 1) {
            return List.of(new PostgresSplit(select(null), describe));
        }
        String column = dialect.quote(options.partitionColumn);
        String range = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + source + condition.map(c -> " WHERE " + c).orElse("");
        try (Connection c = connection.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(range)) {
            return KeyRanges.bounds(rs, describe, options.partitionColumn, " (smallint, integer, bigint, numeric(p,0))")
                    .map(b -> ranges(b.min(), b.max())).orElseGet(() -> List.of(new PostgresSplit(select(null), describe)));
        } catch (SQLException e) {
            throw new HomeException(describe + ": reading the range of partition_column '" + options.partitionColumn
                    + "' failed: " + dialect.errorLine(e), e);
        }
    }

    /** {@code partitions} contiguous ranges covering {@code [min, max]}; NULL keys go with the first. */
    List<Split> ranges(BigInteger min, BigInteger max) {
        return KeyRanges.plan(min, max, options.partitions, dialect.quote(options.partitionColumn), options.partitionColumn,
                describe, (where, part) -> new PostgresSplit(select(where), part));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        PostgresSplit s = (PostgresSplit) split;
        Columns read = columns();
        Connection c = null;
        try {
            c = connection.connection();
            String sql = "COPY (" + s.select() + ") TO STDOUT (FORMAT binary)";
            LOG.debug("{}: {}", s.describe(), sql);
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            return new CopyReader(allocator, read.schema(), read.decoders(), copy, options.batchSize, s.describe(), c,
                    connection::evict);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new HomeException(s.describe() + ": the query failed: " + dialect.errorLine(e), e);
        }
    }

    /** Serialization failures (40001), deadlocks (40P01) and broken connections (08xxx). */
    @Override
    public boolean isTransient(Throwable error) {
        return PostgresFaults.isTransient(error);
    }
}
