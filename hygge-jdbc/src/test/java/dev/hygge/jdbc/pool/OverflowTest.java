package dev.hygge.jdbc.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.spi.StoreException;
import dev.hygge.jdbc.IfExists;
import dev.hygge.jdbc.OnOverflow;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.TableWriteOptions;
import dev.hygge.jdbc.WriteStrategy;
import dev.hygge.jdbc.arrow.GrowingHome;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import dev.hygge.spi.Plugins;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sizing rule of on_overflow against an engine that enforces declared lengths (H2 in
 * PostgreSQL mode), through the same TableWriter every SQL Store uses: the lengths declared and
 * suggested, and a table the user declared too narrow. What the destination holds after an
 * overflow, under every write strategy, is {@link H2TableStoreTest}'s (the table Store contract).
 */
class OverflowTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final SqlDialect dialect = StandardDialect.postgres();
    private BufferAllocator allocator;
    private JdbcPool pool;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        PoolOptions options = new PoolOptions();
        options.url = "jdbc:h2:mem:overflow" + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        options.poolSize = 4;
        pool = JdbcPool.open("h2", options);
    }

    @AfterEach
    void close() {
        pool.close();
        allocator.close();
    }

    private TableWriteOptions options(OnOverflow onOverflow, WriteStrategy strategy) {
        TableWriteOptions options = new TableWriteOptions();
        options.table = "t";
        options.onOverflow = onOverflow;
        options.writeStrategy = strategy;
        options.schemaInference.sampleRows = 1; // the first batch decides: 10 rows
        return options;
    }

    private void write(TableWriteOptions options, GrowingHome home) {
        try (Hygge hygge = TestKit.runtime(Plugins.builder());
             PoolTableStore store = new PoolTableStore(dialect, pool, options, allocator, 1)) {
            hygge.flow("f").from(home).to(store).run();
        }
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = pool.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private Object columnType() throws SQLException {
        return query("SELECT data_type, character_maximum_length FROM information_schema.columns"
                + " WHERE table_name = 't' AND column_name = 'text'").get(0);
    }

    @Test
    void failNamesTheColumnTheSizeAndTheLimit() {
        // first batch: 20 characters -> VARCHAR(50); a later one has 70 (é is 2 bytes: counted as 1)
        assertThatThrownBy(() -> write(options(OnOverflow.FAIL, WriteStrategy.TEMP_SWAP), new GrowingHome(20, 30, 70, 5)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("column 'text' is VARCHAR(50) (at most 50 characters) and a value of 70 characters arrived")
                .hasMessageContaining("on_overflow: widen")
                .hasMessageContaining("schema_overrides: {text: VARCHAR(105)}");
    }

    @Test
    void widenGrowsTheColumnByTheSizingRule() throws SQLException {
        TableWriteOptions options = options(OnOverflow.WIDEN, WriteStrategy.TEMP_SWAP);
        write(options, new GrowingHome(20, 30, 70, 5));
        assertThat(columnType()).isEqualTo(List.of("character varying", 105L));

        // past max_varchar: the unbounded type; an existing table is widened at commit, in the same transaction
        options.ifExists = IfExists.APPEND;
        write(options, new GrowingHome(10, 2_667));
        assertThat(columnType()).isEqualTo(List.of("character varying", 1_000_000_000L)); // H2 spells TEXT so
    }

    @Test
    void appendIntoATableThatIsTooNarrowFailsUnlessWidened() throws SQLException {
        try (Connection c = pool.open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT NOT NULL, text VARCHAR(25))");
            st.execute("INSERT INTO t VALUES (-1, 'kept')");
        }
        assertThatThrownBy(() -> write(options(OnOverflow.FAIL, WriteStrategy.TEMP_SWAP), new GrowingHome(20, 30)))
                .hasMessageContaining("column 'text' is character varying(25) (at most 25 characters) and a value of 30");
        assertThat(query("SELECT COUNT(*) FROM t").get(0).get(0)).isEqualTo(1L);
        assertThat(columnType()).isEqualTo(List.of("character varying", 25L));

        write(options(OnOverflow.WIDEN, WriteStrategy.TEMP_SWAP), new GrowingHome(20, 30));
        assertThat(query("SELECT COUNT(*) FROM t").get(0).get(0)).isEqualTo(21L);
        assertThat(columnType()).isEqualTo(List.of("character varying", 50L));
    }

    @Test
    void theStandardDialectWritesEveryTestKitTypeThroughThePool() throws SQLException {
        TableWriteOptions options = new TableWriteOptions();
        options.table = "public.bench";
        try (Hygge hygge = TestKit.runtime(Plugins.builder());
             PoolTableStore store = new PoolTableStore(dialect, pool, options, allocator, 2)) {
            hygge.flow("f").from(GeneratedHome.builder(TestBatches.benchmark()).rows(5_000).batchSize(500).splits(2).build())
                    .to(store).parallelism(2).run();
        }
        assertThat(query("SELECT COUNT(*), COUNT(DISTINCT id), SUM(id) FROM bench").get(0))
                .containsExactly(5_000L, 5_000L, new java.math.BigDecimal(5_000L * 4_999 / 2));
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_name = 'bench' AND column_name = 'name'")
                .get(0).get(0)).isEqualTo("character varying");
    }
}
