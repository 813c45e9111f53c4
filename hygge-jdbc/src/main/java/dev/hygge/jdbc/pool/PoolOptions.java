package dev.hygge.jdbc.pool;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.OptionProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a named JDBC pool, as a plugin's connection options carry them.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: mssql, url: "jdbc:sqlserver://db:1433;databaseName=dw", username: etl, password: "${DW_PASSWORD}",
 *               maximum_pool_size: 8}
 * }</pre>
 */
public class PoolOptions {
    public String url;
    public String username;
    public String password;
    /** Connections the pool holds at most; at least the streams that write at once. */
    public int maximumPoolSize = 8;
    /** How long a caller waits for a connection before failing, in milliseconds. */
    public long connectionTimeoutMs = 30_000;
    /** Driver properties ({@code encrypt: true}). */
    public Map<String, String> properties = new LinkedHashMap<>();

    /**
     * Reports every bad value to {@code problems}, for a connection factory's
     * {@link dev.hygge.spi.PluginFactory#validate}; changes nothing and never shows the URL's settings.
     */
    public void check(OptionProblems problems) {
        if (url == null || url.isBlank()) {
            problems.add("url", "option 'url' is required (a jdbc: URL)");
        } else if (!url.startsWith("jdbc:")) {
            problems.add("url", "url must start with jdbc:, not '" + url.split("[;?]")[0] + "'");
        }
        if (maximumPoolSize < 1) {
            problems.add("maximum_pool_size", "maximum_pool_size must be at least 1, not " + maximumPoolSize);
        }
        if (connectionTimeoutMs < 250) {
            problems.add("connection_timeout_ms", "connection_timeout_ms must be at least 250, not " + connectionTimeoutMs);
        }
    }

    /**
     * Checks as {@link #check} does; {@code where} names the connection for messages.
     *
     * @throws ConfigException listing every bad value
     */
    public void validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
    }
}
