package dev.hygge.jdbc.pool;

import dev.hygge.spi.OptionProblems;

/**
 * {@link PoolSettings} plus where a SQL server is reached by host and port and how long talking to
 * it may take, under the same keys whatever the database (mysql, postgres). A plugin's connection
 * options extend this class, give their defaults to the constructor and call
 * {@link #checkServer} and {@link #checkTimeouts} from their {@code check}.
 *
 * <pre>{@code
 * connections:
 *   shop: {type: mysql, host: db, port: 3306, database: shop, user: etl, connect_timeout: 10, socket_timeout: 0}
 * }</pre>
 */
public class ServerSettings extends PoolSettings {
    /** The server's host name or address. */
    public String host;
    public int port;
    /** The database to use; unqualified names resolve in it (or in its schema). */
    public String database;
    public String user;
    public String password;
    /** Seconds to wait for the server to answer a connection attempt (a login): an unreachable one fails in this time. */
    public int connectTimeout;
    /** Seconds a socket read may block (0: no limit; a bulk load or COPY of a large table takes long). */
    public int socketTimeout;

    /** The database's defaults: its host (or null: required), port and connect timeout. */
    protected ServerSettings(String host, int port, int connectTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    /** Reports a missing host and a port outside 1..65535, each at its own key. */
    protected final void checkServer(OptionProblems problems) {
        if (host == null || host.isBlank()) {
            problems.add("host", "option 'host' is required (the server's host name or address)");
        }
        if (port < 1 || port > 65535) {
            problems.add("port", "port must be 1..65535, not " + port);
        }
    }

    /** Reports a connect timeout under 1 second and a negative socket timeout, each at its own key. */
    protected final void checkTimeouts(OptionProblems problems) {
        if (connectTimeout < 1) {
            problems.add("connect_timeout", "connect_timeout must be at least 1 second, not " + connectTimeout);
        }
        if (socketTimeout < 0) {
            problems.add("socket_timeout", "socket_timeout must be 0 (no limit) or more, not " + socketTimeout);
        }
    }
}
