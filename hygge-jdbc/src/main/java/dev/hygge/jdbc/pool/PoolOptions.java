package dev.hygge.jdbc.pool;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.OptionProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a named JDBC pool reached by URL, for a connection whose driver needs nothing but a
 * URL, credentials and driver properties. A driver configured through its own {@code DataSource}
 * (SQL Server's Azure AD token callback) extends {@link PoolSettings} instead and opens the pool
 * with {@link JdbcPool#over}.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: postgres, url: "jdbc:postgresql://db:5432/dw", username: etl, password: "${DW_PASSWORD}",
 *               pool_size: 8}
 * }</pre>
 */
public class PoolOptions extends PoolSettings {
    public String url;
    public String username;
    public String password;
    /** Driver properties ({@code ssl: "true"}). */
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
        checkPool(problems);
        if (properties == null) {
            problems.add("properties", "properties must be a map of driver property to value");
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

    /** The URL up to its first setting (no credentials a URL may carry), the user and the pool size. */
    @Override
    public String toString() {
        return "jdbc{url=" + (url == null ? null : url.split("[;?]")[0]) + (username != null ? ", username=" + username : "")
                + (password != null ? ", password=***" : "") + ", pool_size=" + poolSize + "}";
    }
}
