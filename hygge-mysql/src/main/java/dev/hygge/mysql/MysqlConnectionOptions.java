package dev.hygge.mysql;

import dev.hygge.jdbc.pool.PoolSettings;
import dev.hygge.jdbc.pool.ServerSettings;
import dev.hygge.spi.OptionProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a named MySQL or MariaDB connection ({@code connections:} entry of type {@code mysql}).
 *
 * <pre>{@code
 * connections:
 *   shop:
 *     type: mysql
 *     host: db.example.com
 *     port: 3306
 *     database: shop
 *     user: etl
 *     password: ${SHOP_PASSWORD}
 *     pool_size: 8
 *     connect_timeout: 10          # seconds to reach the server: an unreachable one fails in this time
 *     options: {sslMode: verify-full}
 * }</pre>
 *
 * <p>{@code pool_size} and {@code connection_timeout} are the pool settings every SQL connection
 * shares ({@link PoolSettings}); {@code host}, {@code port}, {@code database}, {@code user},
 * {@code password} and the timeouts are those of every server connection ({@link ServerSettings}).
 * Unqualified table names resolve in {@code database}; a Store or Home may name another as
 * {@code db.table}. {@code options} are MariaDB Connector/J settings, added to the
 * ones hygge sets (which they may not replace: see {@link MysqlDataSource}). {@link #toString()}
 * never shows the password.
 */
public class MysqlConnectionOptions extends ServerSettings {
    /** Further driver settings (MariaDB Connector/J option names), e.g. {@code {sslMode: verify-full}}. */
    public Map<String, String> options = new LinkedHashMap<>();

    public MysqlConnectionOptions() {
        super(null, 3306, 10);
    }

    /** Reports every problem of these settings to {@code problems}; changes nothing, never shows the password. */
    public void check(OptionProblems problems) {
        checkServer(problems);
        if (user == null || user.isBlank()) {
            problems.add("user", "option 'user' is required");
        }
        checkPool(problems);
        checkTimeouts(problems);
        if (options == null) {
            problems.add("options", "options must be a map of driver option to value");
        } else {
            for (String key : options.keySet()) {
                if (MysqlDataSource.FIXED.contains(key)) {
                    problems.add("options", "driver option '" + key + "' is set by hygge (" + MysqlDataSource.FIXED
                            + "); remove it");
                }
            }
        }
    }

    /**
     * Checks as {@link #check} does; {@code where} names the connection.
     *
     * @throws dev.hygge.spi.ConfigException listing every problem
     */
    public MysqlConnectionOptions validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
        return this;
    }

    /** host:port/database, for messages and lock keys. */
    String address() {
        return host + ":" + port + (database != null ? "/" + database : "");
    }

    @Override
    public String toString() {
        return "mysql{host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + (password != null ? ", password=***" : "") + ", pool_size=" + poolSize + "}";
    }
}
