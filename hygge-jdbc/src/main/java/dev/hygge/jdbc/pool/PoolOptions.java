package dev.hygge.jdbc.pool;

import dev.hygge.ConfigException;
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

    /** Checks the values; {@code where} names the connection for messages. */
    public void validate(String where) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(where + ": option 'url' is required (a jdbc: URL)");
        }
        if (!url.startsWith("jdbc:")) {
            throw new ConfigException(where + ": url must start with jdbc:, not '" + url.split("[;?]")[0] + "'");
        }
        if (maximumPoolSize < 1) {
            throw new ConfigException(where + ": maximum_pool_size must be at least 1, not " + maximumPoolSize);
        }
        if (connectionTimeoutMs < 250) {
            throw new ConfigException(where + ": connection_timeout_ms must be at least 250, not " + connectionTimeoutMs);
        }
    }
}
