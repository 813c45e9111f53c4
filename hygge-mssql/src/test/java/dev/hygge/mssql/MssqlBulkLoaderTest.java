package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.jdbc.TableName;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loader's transactions and retries, with rows sent through plain JDBC into H2 instead of the
 * driver's bulk copy, so real commits and rollbacks show that a retried batch is neither lost
 * nor written twice.
 */
class MssqlBulkLoaderTest {
    private final RootAllocator allocator = new RootAllocator();
    private final List<Duration> waits = new ArrayList<>();
    private MssqlConnection pool;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:loader" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        pool = MssqlConnection.pooled("h2", ds, 4, 5_000, "h2");
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR(100))");
        }
    }

    @AfterEach
    void tearDown() {
        pool.close();
        allocator.close();
    }

    /** Inserts every row of the view on the connection (its transaction), failing where {@code fault} says. */
    private MssqlBulkLoader.BulkCopy insert(Fault fault) {
        return (connection, table, columns, data, lock) -> {
            assertThat(table).isEqualTo(TableName.of("t"));
            assertThat(columns).containsExactly("id", "name");
            int rows = 0;
            long first = -1;
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
                while (data.next()) {
                    Object[] row = data.getRowData();
                    if (first < 0) {
                        first = (Long) row[0];
                    }
                    st.setLong(1, (Long) row[0]);
                    st.setString(2, (String) row[3]);
                    st.executeUpdate();
                    if (++rows == 100) {
                        fault.maybeFail(connection, first);
                    }
                }
            }
            return rows;
        };
    }

    private interface Fault {
        void maybeFail(Connection connection, long firstId) throws SQLException;
    }

    private long load(MssqlBulkLoader loader) throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(10_000).batchSize(1_000).build();
        try (ArrowReader reader = home.open(home.splits().get(0), allocator); Connection connection = pool.connection()) {
            return loader.load(connection, TableName.of("t"), List.of("id", "name"), reader);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = pool.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void retriesADeadlockVictimAndADroppedConnectionWithoutLosingOrDuplicatingRows() throws Exception {
        AtomicInteger faults = new AtomicInteger();
        Fault fault = (connection, first) -> {
            if (first == 3_000 && faults.get() == 0) {
                faults.incrementAndGet();
                throw new SQLException("Transaction was deadlocked ... chosen as the deadlock victim", "40001", 1205);
            }
            if (first == 6_000 && faults.get() == 1) {
                faults.incrementAndGet();
                connection.unwrap(org.h2.jdbc.JdbcConnection.class).close(); // the server goes away mid-transaction
                throw new SQLException("Connection reset", "08S01", 0);
            }
        };
        MssqlBulkLoader loader = new MssqlBulkLoader(pool, new MssqlDialect(true), 2_500, false, 0,
                new TransientFaults(3, Duration.ofMillis(50), waits::add), "test", insert(fault));

        assertThat(load(loader)).isEqualTo(10_000);
        assertThat(faults.get()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(10_000);
        assertThat(count("SELECT COUNT(DISTINCT id) FROM t")).isEqualTo(10_000);
        assertThat(count("SELECT SUM(id) FROM t")).isEqualTo(9_999L * 10_000 / 2);
    }

    @Test
    void commitsOneTransactionPerBatchSizeAndStopsAtAPermanentError() throws Exception {
        Fault fault = (connection, first) -> {
            if (first == 6_000) {
                throw new SQLException("String or binary data would be truncated in table 't', column 'name'.", "22001", 2628);
            }
        };
        MssqlBulkLoader loader = new MssqlBulkLoader(pool, new MssqlDialect(true), 2_500, false, 0,
                new TransientFaults(3, Duration.ofMillis(50), waits::add), "test", insert(fault));

        assertThatThrownBy(() -> load(loader)).isInstanceOf(SQLException.class).hasMessageContaining("column 'name'");
        assertThat(waits).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM t")).as("the first two transactions committed, the third rolled back")
                .isEqualTo(6_000);
    }
}
