package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Options;
import dev.hygge.spi.Plugins;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named connections of one run (a SQL Server pool, a DuckDB database): defined up front,
 * opened once on first use by a Home or Store that names them, and closed with the run.
 */
final class RunConnections {
    private static final Logger LOG = LoggerFactory.getLogger(RunConnections.class);

    /** A connection as defined: its type and options, not yet opened. */
    record Spec(String type, Map<String, Object> options) {
        Spec {
            requireNonNull(type, "type is null");
            options = Map.copyOf(options);
        }
    }

    private final Plugins plugins;
    private final Map<String, Spec> specs;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    RunConnections(Plugins plugins, Map<String, Spec> specs) {
        this.plugins = plugins;
        this.specs = new ConcurrentHashMap<>(specs);
    }

    /** Defines {@code name} unless this run already defines a connection of that name (the runtime's wins). */
    void defineIfAbsent(String name, Spec spec) {
        specs.putIfAbsent(name, spec);
    }

    /**
     * The connection {@code name}, opened now if it is not yet (its options bound and checked by its
     * plugin first).
     *
     * @throws ConfigException when no connection has that name, or it is not of {@code type}
     */
    <C extends Connection> C get(String name, Class<C> type, HyggeContext context) {
        requireNonNull(name, "name is null");
        Spec spec = specs.get(name);
        if (spec == null) {
            throw new ConfigException("No connection named '" + name + "'; defined connections: "
                    + (specs.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(specs.keySet()))));
        }
        Connection connection = open.computeIfAbsent(name, n -> open(n, spec, context));
        if (!type.isInstance(connection)) {
            throw new ConfigException("Connection '" + name + "' is of type '" + spec.type()
                    + "', which this Home or Store cannot use");
        }
        return type.cast(connection);
    }

    private <O> Connection open(String name, Spec spec, HyggeContext context) {
        @SuppressWarnings("unchecked")
        ConnectionFactory<O> factory = (ConnectionFactory<O>) plugins.connection(spec.type());
        String where = "connection '" + name + "'";
        O options = Options.bind(spec.options(), factory.optionsType(), where);
        OptionProblems problems = new OptionProblems();
        factory.validate(options, problems);
        problems.throwIfAny(where + " (type " + spec.type() + ")");
        LOG.info("{} - opening {} connection", name, spec.type());
        return factory.open(name, options, context);
    }

    /** Closes every opened connection; a failure is logged and the others are still closed. */
    void closeAll() {
        for (Map.Entry<String, Connection> connection : open.entrySet()) {
            try {
                connection.getValue().close();
                LOG.info("{} - connection closed", connection.getKey());
            } catch (RuntimeException e) {
                LOG.warn("{} - closing the connection failed", connection.getKey(), e);
            }
        }
        open.clear();
    }
}
