package dev.hygge.mssql;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import com.microsoft.sqlserver.jdbc.SqlAuthenticationToken;
import dev.hygge.spi.ConfigException;
import java.lang.reflect.Method;
import java.util.Date;
import java.util.Map;

/**
 * The SQL Server driver's {@link SQLServerDataSource} for a connection's options: server, TLS,
 * timeouts, the auth (a SQL login, or an {@link AzureTokenCallback} that fetches a fresh Azure AD
 * token per login) and further driver properties. The pool around it is hygge-jdbc's
 * {@link dev.hygge.jdbc.pool.JdbcPool}; a data source rather than a URL because token auth is a
 * callback object, which no URL can carry.
 *
 * <pre>{@code
 * SQLServerDataSource ds = MssqlDataSource.of("warehouse", options);
 * }</pre>
 */
final class MssqlDataSource {
    private MssqlDataSource() {}

    /** The data source for {@code options} (already validated); {@code name} names the connection in messages. */
    static SQLServerDataSource of(String name, MssqlConnectionOptions options) {
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
        for (Method method : SQLServerDataSource.class.getMethods()) {
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
                throw new ConfigException("Connection '" + name + "': driver property '" + key
                        + "' does not take this value: " + e.getMessage(), e);
            }
        }
        throw new ConfigException("Connection '" + name + "': '" + key
                + "' is not a SQL Server driver property (see SQLServerDataSource setters)");
    }
}
