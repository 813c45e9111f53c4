package dev.hygge.postgres;

import dev.hygge.jdbc.pool.PoolSettings;
import dev.hygge.spi.OptionProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a named PostgreSQL connection ({@code connections:} entry of type {@code postgres}).
 *
 * <pre>{@code
 * connections:
 *   warehouse:
 *     type: postgres
 *     host: ${PGHOST}
 *     port: 5432
 *     database: analytics
 *     user: loader
 *     password: ${PGPASSWORD}
 *     schema: staging              # unqualified table names resolve here (the search_path)
 *     pool_size: 8
 *     options: {sslmode: require}  # further pgjdbc properties
 * }</pre>
 *
 * <p>{@code pool_size} and {@code connection_timeout} are the pool settings every SQL connection
 * shares ({@link PoolSettings}). {@code connect_timeout} bounds each login (a refused port or an
 * unknown host fails in that time with the driver's answer, not after the pool's wait).
 * {@link #toString()} never shows the password.
 */
public class PostgresConnectionOptions extends PoolSettings {
    public String host = "localhost";
    public int port = 5432;
    public String database;
    public String user;
    public String password;
    /** The schema unqualified names resolve to (the connection's search_path); default: the server's. */
    public String schema;
    /** Seconds a login (socket connect and authentication) may take. */
    public int connectTimeout = 5;
    /** Seconds a socket read may block (0: no limit; a COPY of a large table can take long). */
    public int socketTimeout;
    public String applicationName = "hygge";
    /** Further pgjdbc connection properties ({@code sslmode}, {@code sslrootcert}, {@code tcpKeepAlive}...). */
    public Map<String, String> options = new LinkedHashMap<>();

    /** Reports every problem of these settings to {@code problems}; changes nothing, never shows the password. */
    public void check(OptionProblems problems) {
        if (host == null || host.isBlank()) {
            problems.add("host", "option 'host' is required (the server's host name or address)");
        }
        if (port < 1 || port > 65535) {
            problems.add("port", "port must be 1..65535, not " + port);
        }
        if (database == null || database.isBlank()) {
            problems.add("database", "option 'database' is required");
        }
        checkPool(problems);
        if (connectTimeout < 1) {
            problems.add("connect_timeout", "connect_timeout must be at least 1 second, not " + connectTimeout);
        }
        if (socketTimeout < 0) {
            problems.add("socket_timeout", "socket_timeout must be 0 (no limit) or more, not " + socketTimeout);
        }
        if (options == null) {
            problems.add("options", "options must be a map of pgjdbc property to value, e.g. {sslmode: require}");
        } else {
            for (String key : options.keySet()) {
                if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user")) {
                    problems.add("options", "give '" + key.toLowerCase(java.util.Locale.ROOT) + "' as its own key, not under options");
                }
            }
        }
    }

    /**
     * Checks as {@link #check} does; {@code where} names the connection.
     *
     * @throws dev.hygge.spi.ConfigException listing every problem
     */
    public PostgresConnectionOptions validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
        return this;
    }

    /** {@code host:port/database}, for messages and the lock key. */
    public String address() {
        return host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgres{" + address() + (user != null ? ", user=" + user : "") + (password != null ? ", password=***" : "")
                + (schema != null ? ", schema=" + schema : "") + ", pool_size=" + poolSize + "}";
    }
}
