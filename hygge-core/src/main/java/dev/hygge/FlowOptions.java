package dev.hygge;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Options;
import dev.hygge.spi.Home;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.PluginFactory;
import dev.hygge.spi.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SDK's side of {@code hygge validate}: a flow given a type name and an options map has them
 * bound and checked by the factory before anything opens, every problem in one exception.
 *
 * <pre>{@code
 * hygge.flow("orders").from("parquet", Map.of("path", "in", "batch_size", 0))
 *         .to("parquet", Map.of("path", "out", "compression", "zsdt")).run();
 * // ConfigException: Flow 'orders' has 2 problems:
 * //   - Home 'parquet' of flow orders: batch_size must be at least 1, not 0
 * //   - Store 'parquet' of flow orders: option 'compression' cannot be 'zsdt'; give one of snappy, zstd, ...
 * }</pre>
 */
final class FlowOptions {
    private FlowOptions() {}

    /**
     * Binds the options of a flow's Home and Store given by type name and runs their factories'
     * {@link dev.hygge.spi.PluginFactory#validate}, before anything opens: one ConfigException lists
     * every problem of both, as {@code hygge validate} would report them for a project.
     */
    static void check(Plugins plugins, Flow flow) {
        List<String> found = new ArrayList<>();
        Flow.Plugin<Home> home = flow.home();
        if (home.instance() == null) {
            check(plugins.home(home.type()), home.options(), "Home '" + home.type() + "' of flow " + flow.label(), found);
        }
        Flow.Plugin<Store> store = flow.store();
        if (store.instance() == null) {
            check(plugins.store(store.type()), store.options(), "Store '" + store.type() + "' of flow " + flow.label(), found);
        }
        if (found.size() == 1) {
            throw new ConfigException(found.get(0));
        }
        if (!found.isEmpty()) {
            throw new ConfigException("Flow '" + flow.label() + "' has " + found.size() + " problems:\n  - "
                    + String.join("\n  - ", found));
        }
    }

    private static <O> void check(PluginFactory<O> factory, Map<String, Object> options, String where,
                                  List<String> found) {
        Map<String, Object> values = new LinkedHashMap<>(options);
        Set<String> left = new HashSet<>();
        while (true) {
            try {
                O bound = Options.bind(values, factory.optionsType(), where);
                OptionProblems problems = new OptionProblems();
                factory.validate(bound, problems);
                problems.list().stream().filter(p -> !left.contains(p.key().split("\\.")[0]))
                        .forEach(p -> found.add(where + ": " + p.message()));
                return;
            } catch (ConfigException e) {
                found.add(e.getMessage());
                // leave the value out and bind the rest, so the other keys' problems are reported too
                Optional<String> key = Options.failedKey(e);
                if (key.isEmpty() || values.remove(key.get()) == null) {
                    return;
                }
                left.add(key.get());
            }
        }
    }
}
