package dev.hygge.mysql;

import dev.hygge.jdbc.pool.PoolSettings;
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
 * shares ({@link PoolSettings}). {@code options} are MariaDB Connector/J settings, added to the
 * ones hygge sets (which they may not replace: see {@link MysqlDataSource}). {@link #toString()}
 * never shows the password.
 */
public class MysqlConnectionOptions extends PoolSettings {
    public String host;
    public int port = 3306;
    /** The database unqualified table names resolve to; a Store or Home may name another as {@code db.table}. */
    public String database;
    public String user;
    public String password;
    /** Seconds to wait for the server to answer a connection attempt. */
    public int connectTimeout = 10;
    /** Seconds a socket read may block (0: no limit; a LOAD DATA of a large table takes long). */
    public int socketTimeout;
    /** Further driver settings (MariaDB Connector/J option names), e.g. {@code {sslMode: verify-full}}. */
    public Map<String, String> options = new LinkedHashMap<>();

    /** Reports every problem of these settings to {@code problems}; changes nothing, never shows the password. */
    public void check(OptionProblems problems) {
        if (host == null || host.isBlank()) {
            problems.add("host", "option 'host' is required (the server's host name or address)");
        }
        if (port < 1 || port > 65535) {
            problems.add("port", "port must be 1..65535, not " + port);
        }
        if (user == null || user.isBlank()) {
            problems.add("user", "option 'user' is required");
        }
        checkPool(problems);
        if (connectTimeout < 1) {
            problems.add("connect_timeout", "connect_timeout must be at least 1 second, not " + connectTimeout);
        }
        if (socketTimeout < 0) {
            problems.add("socket_timeout", "socket_timeout must be 0 (no limit) or more, not " + socketTimeout);
        }
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
