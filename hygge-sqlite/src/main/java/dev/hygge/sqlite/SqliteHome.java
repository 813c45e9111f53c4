package dev.hygge.sqlite;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a SQLite table or query as Arrow batches through hygge-jdbc's {@link ResultSetReader},
 * each column typed from its declared type by {@link SqliteTypeConverters}, declared lengths,
 * precision and scale kept in the field metadata for inference downstream.
 *
 * <pre>{@code
 * home: {type: sqlite, path: data/app.db, table: orders}
 * }</pre>
 *
 * <p>Incremental reads ({@link SupportsIncremental}) add {@code "col" > ?} to the table read (a
 * {@code query:} Home is read as {@code SELECT * FROM (query) AS "hygge_query"} and gets the same
 * {@code WHERE}), the watermark bound as the column stores it ({@link SqliteWatermark}). One split:
 * a read is one statement, so one snapshot of the file (SQLite's read transaction).
 */
final class SqliteHome implements Home, SupportsIncremental {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteHome.class);

    private final SqliteHomeOptions options;
    private final SqliteFile file;
    private final SqliteDialect dialect = new SqliteDialect();
    private final String source;
    private final String describe;
    private Optional<String> condition = Optional.empty();
    private List<SqliteWatermark> parameters = List.of();

    SqliteHome(SqliteHomeOptions options, SqliteFile file) {
        this.options = requireNonNull(options, "options is null");
        this.file = requireNonNull(file, "file is null");
        if (options.table != null) {
            TableName table = TableName.parse(options.resolve(options.table));
            this.source = dialect.qualify(table);
            this.describe = "sqlite " + file.path() + " table " + table;
        } else {
            this.source = "(" + options.resolve(options.query) + ") AS " + dialect.quote("hygge_query");
            this.describe = "sqlite " + file.path() + " query";
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    String select() {
        String where = WatermarkPredicate.and(null, condition);
        return "SELECT * FROM " + source + (where == null ? "" : " WHERE " + where);
    }

    /** The column as the Home reads it, from the metadata of the source's statement (no row read); names match ignoring case, as in SQLite. */
    @Override
    public Optional<Field> column(String name) {
        return describeColumn(name).map(SqliteTypeConverters.SET::field);
    }

    private Optional<JdbcColumn> describeColumn(String name) {
        try (Connection c = connection(); PreparedStatement st = c.prepareStatement("SELECT * FROM " + source + " LIMIT 0");
             ResultSet rs = st.executeQuery()) {
            return JdbcColumn.find(rs.getMetaData(), name);
        } catch (SQLException e) {
            throw new HomeException(describe + ": describing its columns failed: " + dialect.errorLine(e), e);
        }
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        JdbcColumn column = describeColumn(filter.column()).orElseThrow(() -> new HomeException(describe
                + ": there is no column '" + filter.column() + "' to read incrementally; check watermark_column"));
        Field field = SqliteTypeConverters.SET.field(column);
        Watermark.Kind kind = Watermark.Kind.of(field.getType()).orElse(null);
        if (kind == null || column.isNamed(SqliteTypeMapper.DECIMAL_TEXT)) {
            throw new HomeException(describe + ": the watermark column '" + column.name() + "' is "
                    + (column.typeName().isEmpty() ? "undeclared" : column.typeName()) + ", which SQLite cannot compare as a"
                    + " watermark; choose an INTEGER, DECIMAL(p,s) of up to 15 digits, DATE, TIMESTAMP or TEXT column");
        }
        filter.checkKind(describe, column.name(), kind);
        TimeUnit unit = field.getType() instanceof ArrowType.Timestamp ts ? ts.getUnit() : TimeUnit.MICROSECOND;
        condition = WatermarkPredicate.condition(dialect.quote(column.name()), filter, "?");
        parameters = filter.after().map(w -> List.of(new SqliteWatermark(w, unit))).orElse(List.of());
        LOG.debug("{}: reading rows where {} {}", describe, condition.orElse("(every row)"), parameters);
    }

    @Override
    public List<Split> splits() {
        return List.of(new SqliteSplit(select(), describe, parameters));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        SqliteSplit s = (SqliteSplit) split;
        Connection c = null;
        PreparedStatement st = null;
        try {
            c = connection();
            st = c.prepareStatement(s.sql());
            for (int i = 0; i < s.parameters().size(); i++) {
                s.parameters().get(i).bind(st, i + 1);
            }
            LOG.debug("{}: {} {}", s.describe(), s.sql(), s.parameters());
            ResultSet rs = st.executeQuery();
            return ResultSetReader.builder(rs, allocator).batchRows(options.batchSize).types(SqliteTypeConverters.SET)
                    .where(s.describe()).closing(st, c).build();
        } catch (SQLException | RuntimeException e) {
            close(st);
            close(c);
            throw new HomeException(s.describe() + ": the query failed: " + dialect.errorLine(e), e);
        }
    }

    /** A read-only connection of its own. */
    private Connection connection() throws SQLException {
        return file.open(true);
    }

    private static void close(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing failed", e);
            }
        }
    }
}
