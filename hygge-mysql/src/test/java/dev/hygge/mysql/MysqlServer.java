package dev.hygge.mysql;

import dev.hygge.testkit.Servers;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MariaDB or MySQL server the end-to-end tests use: {@code HYGGE_MYSQL_URL}, by default
 * {@code jdbc:mariadb://127.0.0.1:3306/test} as root with an empty password ({@code HYGGE_MYSQL_USER},
 * {@code HYGGE_MYSQL_PASSWORD} to change them). Each test class works in a database of its own
 * ({@link #freshDatabase}) and drops it after.
 */
final class MysqlServer extends Servers.Required {
    static final String URL = Servers.env("HYGGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String USER = Servers.env("HYGGE_MYSQL_USER", "root");
    static final String PASSWORD = Servers.env("HYGGE_MYSQL_PASSWORD", "");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected String server() {
        return "MySQL/MariaDB at " + URL;
    }

    @Override
    protected Optional<String> unavailable() {
        return Servers.probe(URL, MysqlServer::connect);
    }

    @Override
    protected String how() {
        return "Start MariaDB or MySQL on 127.0.0.1:3306 (root, empty password), or set HYGGE_MYSQL_URL"
                + " (and HYGGE_MYSQL_USER / HYGGE_MYSQL_PASSWORD)";
    }

    /** A connection to the server's default database. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** A connection whose current database is {@code database}. */
    static Connection connect(String database) throws SQLException {
        Connection c = connect();
        c.setCatalog(database);
        return c;
    }

    static String host() {
        return uri().getHost();
    }

    static int port() {
        int port = uri().getPort();
        return port < 0 ? 3306 : port;
    }

    private static URI uri() {
        return URI.create(URL.substring("jdbc:".length()).split("\\?")[0]);
    }

    /** Creates a database of its own for one test class or test, named after {@code tag}. */
    static String freshDatabase(String tag) throws SQLException {
        String name = "hygge_" + tag + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return name;
    }

    static void drop(String database) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + database.replace("`", "``") + "`");
        }
    }

    /** Connection options for a hygge connection to the test server in {@code database}. */
    static java.util.Map<String, Object> connectionOptions(String database, int poolSize) {
        java.util.Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("host", host());
        options.put("port", port());
        options.put("database", database);
        options.put("user", USER);
        if (!PASSWORD.isEmpty()) {
            options.put("password", PASSWORD);
        }
        options.put("pool_size", poolSize);
        return options;
    }
}
