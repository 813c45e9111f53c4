package dev.hygge.duckdb;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.NarrowingReader;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.WatermarkFilter;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a DuckDB table or query as Arrow batches, streaming: the result is exported through the
 * Arrow C stream interface batch by batch ({@code jdbc_stream_results}), never held whole.
 *
 * <pre>{@code
 * hygge.flow("export").from("duckdb", Map.of("path", "warehouse.duckdb", "table", "orders"))
 *      .to("parquet", Map.of("path", "lake/orders")).run();
 * }</pre>
 *
 * <p>Incremental reads ({@link SupportsIncremental}) wrap the table or query,
 * {@code SELECT * FROM (<table or query>) q WHERE q."column" > ?}, the watermark bound as a
 * parameter of the column's type ({@link DuckDbWatermark}), so DuckDB pushes the filter into its
 * scan; a query is never read whole and filtered afterwards.
 */
public final class DuckDbHome implements Home, SupportsIncremental, SupportsEngineRelation {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbHome.class);

    private final DuckDbDatabase database;
    private final boolean ownsDatabase;
    private final String sql;
    /** Whether {@link #sql} reads a table ({@code SELECT * FROM t}), not a user's query. */
    private final boolean table;
    private final int batchSize;
    private final DuckDbDialect dialect = new DuckDbDialect();
    /** The columns as the Home reads them, found by {@link #describe} without reading a row. */
    private final Schema schema;
    private DuckDbSplit split;

    DuckDbHome(DuckDbDatabase database, boolean ownsDatabase, String sql, boolean table, Schema schema, int batchSize) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.sql = sql;
        this.table = table;
        this.schema = schema;
        this.batchSize = batchSize;
        this.split = new DuckDbSplit(sql);
    }

    @Override
    public String describe() {
        return "duckdb " + database.path() + ": " + sql;
    }

    @Override
    public List<Split> splits() {
        return List.of(split);
    }

    /** The column by its name as DuckDB matches names (exactly, else ignoring case), from the described result. */
    @Override
    public Optional<Field> column(String name) {
        List<Field> fields = schema.getFields();
        return fields.stream().filter(f -> f.getName().equals(name)).findFirst()
                .or(() -> fields.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                        .findFirst());
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        Field field = column(filter.column()).orElseThrow(() -> new HomeException(describe() + ": there is no column '"
                + filter.column() + "' to read incrementally; its columns are "
                + schema.getFields().stream().map(Field::getName).toList()));
        DuckDbWatermark where = DuckDbWatermark.of(field, filter, "q." + dialect.quote(field.getName()), describe());
        split = new DuckDbSplit(where.select(sql, table), where.parameters());
        LOG.debug("{}: reading {}", database.path(), split.describe());
    }

    /**
     * The Arrow schema of {@code sql}'s result, from {@code LIMIT 0}: DuckDB plans the query and
     * reads no row. The factory asks it once, when it checks the query (a syntax error or a
     * missing table is a {@link SQLException}), so the query is planned once before it is run.
     */
    static Schema describe(DuckDbDatabase database, String sql) throws SQLException {
        try (DuckDBConnection connection = database.duplicate();
             PreparedStatement statement = connection.prepareStatement("SELECT * FROM (" + sql + ") q LIMIT 0");
             DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
             BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new HomeException("DuckDB " + database.path() + ": describing " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code duckdb@<database>}: the query reads this database, so only its instance runs it. */
    @Override
    public String engine() {
        return DuckDbRelationLoader.engine(database);
    }

    /** The split's query, to run on this database's own instance (a file is open once per JVM). */
    @Override
    public EngineRelation relation(List<Split> splits) {
        if (splits.size() != 1) {
            throw new IllegalArgumentException("a DuckDB Home has one split, not " + splits.size());
        }
        DuckDbSplit part = (DuckDbSplit) splits.get(0);
        EngineRelation.Session session = new EngineRelation.Session() {
            @Override
            public java.sql.Connection connect() throws SQLException {
                return database.duplicate();
            }

            @Override
            public <T> T runSmall(EngineRelation.Work<T> work) throws SQLException {
                return database.onOneThread(work);
            }
        };
        return new EngineRelation(engine(), part.sql(), part.parameters(), schema, java.util.OptionalLong.empty(),
                Optional.of(session), describe());
    }

    /**
     * The described schema ({@link #describe}), which {@link #open} gives every split: the same query
     * (a watermark's predicate changes no column), its large strings narrowed back to regular ones.
     */
    @Override
    public Optional<Schema> knownSchema() {
        return Optional.of(schema);
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        DuckDbSplit part = (DuckDbSplit) split;
        String query = part.describe();
        DuckDBConnection connection = null;
        PreparedStatement statement = null;
        DuckDBResultSet result = null;
        try {
            connection = database.duplicate();
            try (Statement large = connection.createStatement()) {
                // large (64-bit offset) strings and lists cannot overflow a batch: past 2 GB of strings in one
                // batch DuckDB threw inside the Arrow stream callback and aborted the JVM; NarrowingReader
                // hands them on with regular offsets, in slices of at most 256 MB
                large.execute("SET arrow_large_buffer_size = true");
            }
            statement = connection.prepareStatement(part.sql());
            for (int i = 0; i < part.parameters().size(); i++) {
                statement.setObject(i + 1, part.parameters().get(i));
            }
            result = (DuckDBResultSet) statement.executeQuery();
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, batchSize);
            LOG.debug("{}: streaming {}", database.path(), query);
            ArrowReader stream = ForwardingReader.closing(allocator, reader, result, statement, connection);
            try {
                return NarrowingReader.of(allocator, stream, NarrowingReader.DEFAULT_MAX_BATCH_BYTES);
            } catch (IOException | RuntimeException e) {
                ForwardingReader.closeQuietly(stream);
                throw new HomeException("DuckDB " + database.path() + ": reading " + query + " failed: " + e.getMessage(), e);
            }
        } catch (SQLException | RuntimeException e) {
            ForwardingReader.closeQuietly(result);
            ForwardingReader.closeQuietly(statement);
            ForwardingReader.closeQuietly(connection);
            throw new HomeException("DuckDB " + database.path() + ": running " + query + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}
