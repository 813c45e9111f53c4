package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Options;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mysql connection fails fast where no server answers (a refused port, an unknown host: seconds,
 * with the network's own answer, not the pool's 30 s), never shows its password, and refuses bad
 * settings naming the key.
 */
class MysqlConnectionTest {
    private static MysqlConnection open(Map<String, Object> settings) {
        return MysqlConnection.open("shop", Options.bind(settings, MysqlConnectionOptions.class, "connection 'shop'"));
    }

    private static Map<String, Object> settings(String host, int port) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", host);
        settings.put("port", port);
        settings.put("database", "shop");
        settings.put("user", "etl");
        settings.put("password", "hunter2");
        settings.put("connection_timeout", 30);
        return settings;
    }

    @Test
    void aRefusedConnectionFailsInSecondsWithTheAnswer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (MysqlConnection connection = open(settings("127.0.0.1", port))) {
            long start = System.nanoTime();
            assertThatThrownBy(connection::connection).isInstanceOf(SQLException.class)
                    .hasMessageContaining("could not connect to 127.0.0.1:" + port + "/shop")
                    .hasMessageContaining("refused")
                    .hasMessageNotContaining("hunter2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anUnknownHostFailsInSecondsWithTheAnswer() throws Exception {
        try (MysqlConnection connection = open(settings("no-such-host.invalid", 3306))) {
            long start = System.nanoTime();
            assertThatThrownBy(connection::connection).isInstanceOf(SQLException.class)
                    .hasMessageContaining("could not connect to no-such-host.invalid:3306/shop")
                    .hasMessageNotContaining("hunter2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void thePasswordIsNeverShown() {
        MysqlConnectionOptions options = Options.bind(settings("db", 3306), MysqlConnectionOptions.class, "c");
        assertThat(options.toString()).doesNotContain("hunter2").contains("password=***");
        assertThat(MysqlDataSource.url(options)).doesNotContain("hunter2").doesNotContain("etl");
    }

    @Test
    void badSettingsNameTheirKeys() {
        Map<String, Object> settings = settings("", 70000);
        settings.put("options", Map.of("allowLocalInfile", "false"));
        assertThatThrownBy(() -> open(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("host").hasMessageContaining("port must be 1..65535")
                .hasMessageContaining("allowLocalInfile");
    }

    @Test
    @ExtendWith(MysqlServer.class)
    void theTestServerAnswers() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(MysqlServer.connectionOptions("information_schema", 2));
        try (MysqlConnection connection = MysqlConnection.open("test", Options.bind(settings, MysqlConnectionOptions.class, "c"))) {
            assertThat(connection.test()).containsIgnoringCase("maria");
        }
    }
}
