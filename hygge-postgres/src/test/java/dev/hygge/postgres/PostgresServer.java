package dev.hygge.postgres;

import dev.hygge.testkit.Servers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests run against: {@code HYGGE_POSTGRES_URL}, by default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres} (trust auth). Each test
 * class makes a schema of its own ({@link #freshSchema}) and drops it after. Where no server
 * answers a test reports itself skipped, saying how to run it, unless {@code HYGGE_REQUIRE_SERVERS=1}
 * (CI), where it fails ({@link Servers.Required}).
 */
final class PostgresServer extends Servers.Required {
    static final String URL = Servers.env("HYGGE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @Override
    protected String server() {
        return "PostgreSQL at " + URL;
    }

    @Override
    protected Optional<String> unavailable() {
        return Servers.probe(URL, PostgresServer::connect);
    }

    @Override
    protected String how() {
        return "Start PostgreSQL on 127.0.0.1:5432 with trust auth and a database 'test', or set HYGGE_POSTGRES_URL"
                + " (e.g. jdbc:postgresql://db:5432/test?user=me&password=...), then ./mvnw -pl hygge-postgres -am test";
    }

    /** A plain connection (user {@code postgres} unless the URL names one), 5 s to connect. */
    static Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (!URL.contains("user=")) {
            properties.setProperty("user", "postgres");
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(URL, properties);
    }

    /** Hands a runtime a pool over the test server as the named connection the options name. */
    static final class TestConnections implements dev.hygge.spi.ConnectionFactory<TestConnections.None> {
        /** The server comes from {@link PostgresServer}: nothing to configure. */
        public static final class None {}

        @Override
        public String type() {
            return "postgres-test-server";
        }

        @Override
        public Class<None> optionsType() {
            return None.class;
        }

        @Override
        public dev.hygge.spi.Connection open(String name, None options, dev.hygge.spi.HyggeContext context) {
            return pool(name, 8);
        }
    }

    /** A runtime of every plugin on the class path, with {@code connection} reaching the test server. */
    static dev.hygge.Hygge runtime(String connection) {
        return dev.hygge.Hygge.builder()
                .plugins(dev.hygge.spi.Plugins.discover().toBuilder().connection(new TestConnections()).build())
                .connection(connection, "postgres-test-server", java.util.Map.of())
                .progressInterval(null)
                .build();
    }

    /** A pool of {@code size} over the server, as a named connection. */
    static PostgresConnection pool(String name, int size) {
        return PostgresConnection.ofUrl(name, URL + (URL.contains("user=") ? "" : (URL.contains("?") ? "&" : "?") + "user=postgres"),
                size);
    }

    /** A new schema named after {@code prefix}, this JVM and a counter. */
    static String freshSchema(String prefix) throws SQLException {
        String schema = prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute("CREATE SCHEMA \"" + schema + "\"");
        return schema;
    }

    static void dropSchema(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
