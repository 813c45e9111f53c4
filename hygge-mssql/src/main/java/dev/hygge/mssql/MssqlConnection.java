package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import com.microsoft.sqlserver.jdbc.SqlAuthenticationToken;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Connection;
import dev.hygge.spi.SupportsConnectionTest;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Date;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named SQL Server connection: one HikariCP pool shared by every Home and Store of a run that
 * names it, closed when the run ends.
 *
 * <pre>{@code
 * MssqlConnection sql = MssqlConnection.open("warehouse", options);
 * try (java.sql.Connection c = sql.connection()) { ... }   // waits at most connection_timeout
 * sql.close();
 * }</pre>
 *
 * <p>Workers never take more than {@link #poolSize()} connections: Stores and Homes cap their
 * parallelism by it, and a request that gets no connection within {@code connection_timeout}
 * fails with a message that says so. Azure AD tokens are fetched per login by an
 * {@link AzureTokenCallback}, so pooled connections opened hours later still log in.
 */
public final class MssqlConnection implements Connection, SupportsConnectionTest {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlConnection.class);

    private final String name;
    private final HikariDataSource pool;
    private final int poolSize;
    private final long timeoutMillis;
    private final String describe;

    private MssqlConnection(String name, HikariDataSource pool, String describe) {
        this.name = name;
        this.pool = pool;
        this.poolSize = pool.getMaximumPoolSize();
        this.timeoutMillis = pool.getConnectionTimeout();
        this.describe = describe;
    }

    /** Opens the pool for {@code options} (validated); no connection is made until one is asked for. */
    public static MssqlConnection open(String name, MssqlConnectionOptions options) {
        requireNonNull(name, "name is null");
        options.validate("Connection '" + name + "'");
        return pooled(name, dataSource(name, options), options.poolSize, options.connectionTimeout * 1000L,
                options.toString());
    }

    /** A pool over any data source (tests use H2 for the pooling behaviour alone). */
    static MssqlConnection pooled(String name, DataSource dataSource, int poolSize, long timeoutMillis, String describe) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hygge-mssql-" + name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, timeoutMillis));
        // Do not connect at start-up: a run that never uses the connection does not need the server.
        config.setInitializationFailTimeout(-1);
        return new MssqlConnection(name, new HikariDataSource(config), describe);
    }

    static SQLServerDataSource dataSource(String name, MssqlConnectionOptions options) {
        SQLServerDataSource ds = new SQLServerDataSource();
        ds.setServerName(options.server);
        ds.setPortNumber(options.port);
        if (options.database != null) {
            ds.setDatabaseName(options.database);
        }
        ds.setEncrypt(options.encrypt);
        ds.setTrustServerCertificate(options.trustServerCertificate);
        if (options.hostNameInCertificate != null) {
            ds.setHostNameInCertificate(options.hostNameInCertificate);
        }
        ds.setLoginTimeout(options.loginTimeout);
        ds.setSocketTimeout(options.socketTimeout * 1000);
        ds.setApplicationName(options.applicationName);
        // ArrowBulkData hands temporal values as objects; never round-trip them through strings.
        ds.setSendTemporalDataTypesAsStringForBulkCopy(false);
        switch (options.effectiveAuth()) {
            case SQL -> {
                ds.setUser(options.user);
                ds.setPassword(options.password);
            }
            case ACCESS_TOKEN -> {
                String token = options.accessToken;
                ds.setAccessTokenCallback((spn, sts) -> new SqlAuthenticationToken(token,
                        new Date(System.currentTimeMillis() + 3_600_000L)));
            }
            default -> ds.setAccessTokenCallback(new AzureTokenCallback(name, credential(options)));
        }
        for (Map.Entry<String, String> property : options.properties.entrySet()) {
            setProperty(name, ds, property.getKey(), property.getValue());
        }
        return ds;
    }

    private static TokenCredential credential(MssqlConnectionOptions options) {
        return switch (options.effectiveAuth()) {
            case SERVICE_PRINCIPAL -> new ClientSecretCredentialBuilder().tenantId(options.tenantId)
                    .clientId(options.clientId).clientSecret(options.clientSecret).build();
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                if (options.clientId != null) {
                    builder.clientId(options.clientId);
                }
                yield builder.build();
            }
            default -> {
                DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
                if (options.tenantId != null) {
                    builder.tenantId(options.tenantId);
                }
                if (options.clientId != null) {
                    builder.managedIdentityClientId(options.clientId);
                }
                yield builder.build();
            }
        };
    }

    /** Sets a driver property by its data source setter name ({@code multiSubnetFailover} → {@code setMultiSubnetFailover}). */
    private static void setProperty(String name, SQLServerDataSource ds, String key, String value) {
        String setter = "set" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
        for (java.lang.reflect.Method method : SQLServerDataSource.class.getMethods()) {
            if (!method.getName().equals(setter) || method.getParameterCount() != 1) {
                continue;
            }
            Class<?> type = method.getParameterTypes()[0];
            try {
                if (type == String.class) {
                    method.invoke(ds, value);
                } else if (type == boolean.class) {
                    method.invoke(ds, Boolean.parseBoolean(value));
                } else if (type == int.class) {
                    method.invoke(ds, Integer.parseInt(value));
                } else {
                    continue;
                }
                return;
            } catch (ReflectiveOperationException | NumberFormatException e) {
                throw new dev.hygge.spi.ConfigException("Connection '" + name + "': driver property '" + key
                        + "' does not take this value: " + e.getMessage(), e);
            }
        }
        throw new dev.hygge.spi.ConfigException("Connection '" + name + "': '" + key
                + "' is not a SQL Server driver property (see SQLServerDataSource setters)");
    }

    @Override
    public String name() {
        return name;
    }

    /** The most connections this pool gives out at once. */
    public int poolSize() {
        return poolSize;
    }

    /** The pool itself (for code that wants a {@link DataSource}). */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * A pooled connection; close it to return it.
     *
     * @throws SQLTransientConnectionException when none became free within the connection timeout,
     *     saying so and what to change
     */
    public java.sql.Connection connection() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            Throwable failure = e.getCause();
            if (failure != null && pool.getHikariPoolMXBean().getTotalConnections() == 0) {
                // Nothing could be opened at all: the server's own answer is the useful part.
                throw new SQLTransientConnectionException("Connection '" + name + "': could not connect to the server within "
                        + timeoutMillis / 1000.0 + " s: " + dev.hygge.config.Secrets.maskText(String.valueOf(failure.getMessage()))
                        + ". Check server, port, database, the network and the credentials.", e.getSQLState(), e);
            }
            throw new SQLTransientConnectionException("Connection '" + name + "': no connection became free within "
                    + timeoutMillis / 1000.0 + " s (pool_size " + poolSize + ", in use " + pool.getHikariPoolMXBean().getActiveConnections()
                    + "). Raise pool_size or connection_timeout, or lower parallel_workers / max_parallel_flows. Pool says: "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Borrows one connection, since a pool opens lazily: the server answered, and its version. */
    @Override
    public String test() {
        try (java.sql.Connection borrowed = connection()) {
            if (!borrowed.isValid(10)) {
                throw new HyggeException("Connection '" + name + "': the server did not answer within 10 s; check the network");
            }
            java.sql.DatabaseMetaData meta = borrowed.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new HyggeException(dev.hygge.config.Secrets.maskText(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * Takes a closed (returned) connection out of the pool for good, after a fault that may have
     * broken it: the next request gets a fresh one.
     */
    void evict(java.sql.Connection connection) {
        pool.evictConnection(connection);
    }

    @Override
    public void close() {
        if (!pool.isClosed()) {
            LOG.debug("{} - closing pool", name);
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "MssqlConnection[" + name + ": " + describe + "]";
    }
}
