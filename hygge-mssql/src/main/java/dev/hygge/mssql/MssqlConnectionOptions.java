package dev.hygge.mssql;

import dev.hygge.jdbc.pool.PoolSettings;
import dev.hygge.spi.OptionProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a named SQL Server connection ({@code connections:} entry of type {@code mssql}).
 *
 * <pre>{@code
 * connections:
 *   warehouse:
 *     type: mssql
 *     server: ${SQL_SERVER}            # host, or host\instance
 *     database: analytics
 *     auth: service_principal          # sql | azure_default | service_principal | managed_identity | access_token
 *     tenant_id: ${AZURE_TENANT_ID}
 *     client_id: ${AZURE_CLIENT_ID}
 *     client_secret: ${AZURE_CLIENT_SECRET}
 *     pool_size: 8
 * }</pre>
 *
 * <p>{@code pool_size} and {@code connection_timeout} are the pool settings every SQL connection
 * shares ({@link PoolSettings}). {@link #toString()} never shows a password, secret or token.
 */
public class MssqlConnectionOptions extends PoolSettings {
    /** How the connection proves who it is. */
    public enum Auth {
        /** SQL login: {@code user} and {@code password}. */
        SQL,
        /** Azure AD through the default credential chain (environment, workload identity, managed identity, Azure CLI...). */
        AZURE_DEFAULT,
        /** Azure AD app registration: {@code tenant_id}, {@code client_id}, {@code client_secret}. */
        SERVICE_PRINCIPAL,
        /** Azure managed identity; {@code client_id} picks a user-assigned identity. */
        MANAGED_IDENTITY,
        /** An Azure AD access token obtained elsewhere ({@code access_token}); it is not refreshed. */
        ACCESS_TOKEN
    }

    public String server;
    public int port = 1433;
    public String database;
    /** Default: {@code sql} when a user is given, else {@code azure_default}. */
    public Auth auth;
    public String user;
    public String password;
    public String tenantId;
    public String clientId;
    public String clientSecret;
    public String accessToken;
    /** Encrypt the connection ({@code true}, {@code false}, {@code strict}); the driver's default is true. */
    public String encrypt = "true";
    public boolean trustServerCertificate;
    public String hostNameInCertificate;
    /** Seconds to wait for the server to accept a login. */
    public int loginTimeout = 30;
    /** Seconds a socket read may block (0: no limit; bulk loads can take long). */
    public int socketTimeout;
    public String applicationName = "hygge";
    /** Further driver properties ({@code SQLServerDataSource} names), e.g. {@code {multiSubnetFailover: "true"}}. */
    public Map<String, String> properties = new LinkedHashMap<>();

    /** The auth in effect. */
    public Auth effectiveAuth() {
        return auth != null ? auth : user != null ? Auth.SQL : Auth.AZURE_DEFAULT;
    }

    /** Reports every problem of these settings to {@code problems}; changes nothing, never shows a secret. */
    public void check(OptionProblems problems) {
        if (server == null || server.isBlank()) {
            problems.add("server", "option 'server' is required (host name or host\\instance)");
        }
        if (port < 1 || port > 65535) {
            problems.add("port", "port must be 1..65535, not " + port);
        }
        checkPool(problems);
        if (loginTimeout < 1) {
            problems.add("login_timeout", "login_timeout must be at least 1 second, not " + loginTimeout);
        }
        if (socketTimeout < 0) {
            problems.add("socket_timeout", "socket_timeout must be 0 (no limit) or more, not " + socketTimeout);
        }
        if (encrypt == null || !(encrypt.equalsIgnoreCase("true") || encrypt.equalsIgnoreCase("false")
                || encrypt.equalsIgnoreCase("strict"))) {
            problems.add("encrypt", "encrypt must be true, false or strict, not '" + encrypt + "'");
        }
        Auth a = effectiveAuth();
        switch (a) {
            case SQL -> require(problems, a, "user", user, "password", password);
            case SERVICE_PRINCIPAL -> require(problems, a, "tenant_id", tenantId, "client_id", clientId, "client_secret", clientSecret);
            case ACCESS_TOKEN -> require(problems, a, "access_token", accessToken);
            default -> {
                // azure_default and managed_identity need nothing more.
            }
        }
        if (a != Auth.SQL && (user != null || password != null)) {
            problems.add(user != null ? "user" : "password", "user/password are only used by auth: sql (auth is "
                    + a.name().toLowerCase(java.util.Locale.ROOT) + "); remove them or set auth: sql");
        }
        if (properties == null) {
            problems.add("properties", "properties must be a map of driver property to value");
        }
    }

    /**
     * Checks as {@link #check} does; {@code where} names the connection.
     *
     * @throws ConfigException listing every problem
     */
    public MssqlConnectionOptions validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
        return this;
    }

    private static void require(OptionProblems problems, Auth auth, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value == null || value.isBlank()) {
                problems.add(auth == Auth.SQL ? namesAndValues[i] : "auth", "auth " + auth.name().toLowerCase(java.util.Locale.ROOT)
                        + " needs option '" + namesAndValues[i] + "'");
            }
        }
    }

    @Override
    public String toString() {
        return "mssql{server=" + server + ", port=" + port + ", database=" + database + ", auth="
                + effectiveAuth().name().toLowerCase() + (user != null ? ", user=" + user : "")
                + (password != null ? ", password=***" : "") + (clientSecret != null ? ", client_secret=***" : "")
                + (accessToken != null ? ", access_token=***" : "") + ", pool_size=" + poolSize + "}";
    }
}
