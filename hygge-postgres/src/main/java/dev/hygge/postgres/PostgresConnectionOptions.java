package dev.hygge.postgres;

import dev.hygge.jdbc.pool.PoolSettings;
import dev.hygge.jdbc.pool.ServerSettings;
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
 * shares ({@link PoolSettings}); {@code host}, {@code port}, {@code database}, {@code user},
 * {@code password} and the timeouts are those of every server connection ({@link ServerSettings}).
 * {@code connect_timeout} bounds each login (a refused port or an
 * unknown host fails in that time with the driver's answer, not after the pool's wait).
 * {@link #toString()} never shows the password.
 */
public class PostgresConnectionOptions extends ServerSettings {
    /** The schema unqualified names resolve to (the connection's search_path); default: the server's. */
    public String schema;
    public String applicationName = "hygge";
    /** Further pgjdbc connection properties ({@code sslmode}, {@code sslrootcert}, {@code tcpKeepAlive}...). */
    public Map<String, String> options = new LinkedHashMap<>();

    public PostgresConnectionOptions() {
        super("localhost", 5432, 5);
    }

    /** Reports every problem of these settings to {@code problems}; changes nothing, never shows the password. */
    public void check(OptionProblems problems) {
        checkServer(problems);
        if (database == null || database.isBlank()) {
            problems.add("database", "option 'database' is required");
        }
        checkPool(problems);
        checkTimeouts(problems);
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
