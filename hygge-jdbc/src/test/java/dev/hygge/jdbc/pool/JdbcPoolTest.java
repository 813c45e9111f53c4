package dev.hygge.jdbc.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The pool every SQL plugin's connection is made of, over H2: its limits, its messages, its test. */
class JdbcPoolTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void givesNoMoreThanThePoolAndSaysSoWhenNoneBecomesFree() throws Exception {
        try (JdbcPool pool = JdbcPool.over("tiny", h2("tiny"), 2, Duration.ofMillis(1500), "h2")) {
            assertThat(pool.poolSize()).isEqualTo(2);
            try (Connection a = pool.open(); Connection b = pool.open()) {
                assertThat(a.isValid(1)).isTrue();
                assertThat(b.isValid(1)).isTrue();
                long started = System.nanoTime();
                assertThatThrownBy(pool::open)
                        .isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining("Connection 'tiny': no connection became free within 1.5 s")
                        .hasMessageContaining("pool_size 2, in use 2")
                        .hasMessageContaining("Raise pool_size or connection_timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
            }
            try (Connection again = pool.open()) {
                assertThat(again.isValid(1)).as("connections return to the pool").isTrue();
            }
        }
    }

    @Test
    void anUnreachableServerIsReportedWithTheServersAnswerNotAsAFullPool() {
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:file:/nonexistent/hygge/db;IFEXISTS=TRUE");
        missing.setPassword("hunter2");
        try (JdbcPool pool = JdbcPool.over("down", missing, 2, Duration.ofMillis(1000), "h2")) {
            assertThatThrownBy(pool::open)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("Connection 'down': could not connect to the server within 1.0 s")
                    .hasMessageContaining("/nonexistent/hygge/db")
                    .hasMessageContaining("Check server, port, database")
                    .hasMessageNotContaining("became free")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void itsTestBorrowsOneConnectionAndSaysWhatAnswered() {
        // a working pool gets a generous timeout: on a loaded machine the first H2 connection can take over a second
        try (JdbcPool pool = JdbcPool.over("probe", h2("probe"), 2, Duration.ofSeconds(30), "h2")) {
            assertThat(pool.test()).startsWith("H2 ");
        }
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:file:/nonexistent/hygge/db;IFEXISTS=TRUE");
        missing.setPassword("hunter2");
        try (JdbcPool pool = JdbcPool.over("down", missing, 2, Duration.ofMillis(1000), "h2")) {
            // the pool opens lazily: only the test finds out that nothing answers
            assertThatThrownBy(pool::test).isInstanceOf(dev.hygge.spi.HyggeException.class)
                    .hasMessageContaining("Connection 'down': could not connect to the server")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void opensByUrlWithTheSharedPoolKeysAndNeverShowsThePassword() throws Exception {
        PoolOptions options = new PoolOptions();
        options.url = "jdbc:h2:mem:byurl;DB_CLOSE_DELAY=-1";
        options.username = "sa";
        options.password = "hunter2";
        options.poolSize = 3;
        options.connectionTimeout = 2;
        try (JdbcPool pool = JdbcPool.open("byurl", options)) {
            assertThat(pool.poolSize()).isEqualTo(3);
            try (Connection c = pool.open()) {
                assertThat(c.getMetaData().getUserName()).isEqualToIgnoringCase("sa");
            }
            assertThat(pool.toString()).contains("byurl", "jdbc:h2:mem:byurl", "pool_size=3").doesNotContain("hunter2");
            pool.close();
            pool.close(); // idempotent
        }
    }

    @Test
    void reportsEveryBadPoolSettingAtItsKey() {
        PoolOptions options = new PoolOptions();
        options.url = "jdbc:h2:mem:x";
        options.poolSize = 0;
        options.connectionTimeout = 0;
        assertThatThrownBy(() -> JdbcPool.open("w", options)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pool_size must be at least 1, not 0")
                .hasMessageContaining("connection_timeout must be at least 1 second, not 0");
    }
}
