package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Plugins;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The named connection: checks, secrets kept out of text, failing fast with the server's answer, discovery. */
class PostgresConnectionTest {
    @Test
    void everyFactoryIsDiscoverable() {
        Plugins plugins = Plugins.discover();
        assertThat(plugins.home("postgres")).isInstanceOf(PostgresHomeFactory.class);
        assertThat(plugins.store("postgres")).isInstanceOf(PostgresStoreFactory.class);
        assertThat(plugins.connection("postgres")).isInstanceOf(PostgresConnectionFactory.class);
    }

    @Test
    void thePasswordNeverShows() {
        PostgresConnectionOptions options = options();
        options.password = "hunter2";
        assertThat(options.toString()).doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void badSettingsAreAllReportedByKey() {
        PostgresConnectionOptions options = new PostgresConnectionOptions();
        options.port = 0;
        options.poolSize = 0;
        options.options.put("password", "x");
        assertThatThrownBy(() -> options.validate("Connection 'w'")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database").hasMessageContaining("port").hasMessageContaining("pool_size")
                .hasMessageContaining("not under options").message().doesNotContain("'x'");
    }

    @Test
    void aRefusedPortFailsInSecondsWithTheDriversAnswer() {
        PostgresConnectionOptions options = options();
        options.port = 1;
        assertFailsFast(options, "Connection to 127.0.0.1:1 refused");
    }

    @Test
    void anUnknownHostFailsInSecondsWithTheDriversAnswer() {
        PostgresConnectionOptions options = options();
        options.host = "no-such-host.invalid";
        assertFailsFast(options, "no-such-host.invalid");
    }

    private static void assertFailsFast(PostgresConnectionOptions options, String answer) {
        long start = System.nanoTime();
        try (PostgresConnection connection = PostgresConnection.open("w", options)) {
            assertThatThrownBy(connection::connection).isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("could not connect").hasMessageContaining(answer);
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds to fail").isLessThan(15);
    }

    @Test
    void transientFaultsAreTheRetryableSqlStates() {
        assertThat(PostgresFaults.isTransient(new SQLException("serialization", "40001"))).isTrue();
        assertThat(PostgresFaults.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(PostgresFaults.isTransient(new RuntimeException(new SQLException("broken", "08006")))).isTrue();
        assertThat(PostgresFaults.isTransient(new SQLException("unique", "23505"))).isFalse();
        assertThat(PostgresFaults.isTransient(new SQLTransientConnectionException("pool", "08001"))).isFalse();
    }

    @Test
    void aLiteralIsEscapedByTheDriver() {
        assertThat(PostgresLiteral.quote("it's \\ x")).isEqualTo("E'it''s \\\\ x'");
    }

    private static PostgresConnectionOptions options() {
        PostgresConnectionOptions options = new PostgresConnectionOptions();
        options.host = "127.0.0.1";
        options.database = "test";
        options.user = "postgres";
        options.connectionTimeout = 30;
        return options;
    }
}
