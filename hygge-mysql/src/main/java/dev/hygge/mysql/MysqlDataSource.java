package dev.hygge.mysql;

import dev.hygge.spi.ConfigException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * MariaDB Connector/J's data source for a connection's options. hygge sets what its Home and Store
 * rely on, and a user's {@code options} may not replace these:
 *
 * <ul>
 *   <li>{@code allowLocalInfile=true}: the Store streams rows with {@code LOAD DATA LOCAL INFILE}
 *       from an {@code InputStream} the driver reads, never from a file (the server may still forbid
 *       it with {@code local_infile=OFF}; then the Store inserts, see {@link MysqlLoader});</li>
 *   <li>{@code connectionTimeZone=UTC}, {@code forceConnectionTimeZoneToSession=true}: every session
 *       runs at {@code time_zone = '+00:00'}, so a {@code TIMESTAMP} column is read and written as UTC
 *       whatever the server's or the JVM's zone, and {@code DATETIME} passes its wall clock unchanged;</li>
 *   <li>{@code yearIsDateType=false}: {@code YEAR} reads as a number, not as January 1st;</li>
 *   <li>{@code connectTimeout}, {@code socketTimeout} from the options, in milliseconds.</li>
 * </ul>
 */
final class MysqlDataSource {
    /** The driver options hygge sets itself. */
    static final Set<String> FIXED = Set.of("allowLocalInfile", "connectionTimeZone", "forceConnectionTimeZoneToSession",
            "yearIsDateType", "connectTimeout", "socketTimeout", "user", "password");

    private MysqlDataSource() {}

    /** The data source for {@code options} (validated); {@code name} names the connection in messages. */
    static MariaDbDataSource of(String name, MysqlConnectionOptions options) {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(url(options));
            ds.setUser(options.user);
            if (options.password != null) {
                ds.setPassword(options.password);
            }
            return ds;
        } catch (SQLException e) {
            throw new ConfigException("Connection '" + name + "': the driver refuses its settings: " + e.getMessage(), e);
        }
    }

    /** The {@code jdbc:mariadb:} URL: host, port, database and every option; no credentials. */
    static String url(MysqlConnectionOptions options) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("allowLocalInfile", "true");
        settings.put("connectionTimeZone", "UTC");
        settings.put("forceConnectionTimeZoneToSession", "true");
        settings.put("yearIsDateType", "false");
        settings.put("connectTimeout", Integer.toString(options.connectTimeout * 1000));
        settings.put("socketTimeout", Integer.toString(options.socketTimeout * 1000));
        settings.putAll(options.options);
        StringBuilder url = new StringBuilder("jdbc:mariadb://").append(options.host).append(':').append(options.port)
                .append('/');
        if (options.database != null) {
            url.append(URLEncoder.encode(options.database, StandardCharsets.UTF_8));
        }
        char separator = '?';
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            url.append(separator).append(setting.getKey()).append('=')
                    .append(URLEncoder.encode(setting.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }
}
