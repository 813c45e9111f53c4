package dev.hygge.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Options;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.PluginFactory;
import dev.hygge.spi.StoreFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds every Home, Store and connection of a project to its factory's typed options class up
 * front, so that mistakes are reported with file and line before anything runs.
 */
final class ProjectValidator {
    private final Plugins plugins;
    private final List<ConnectionDefinition> connections;
    private final Set<ConfigProblem> problems = new LinkedHashSet<>();
    private final Redactor redactor;

    ProjectValidator(Plugins plugins, List<ConnectionDefinition> connections, Redactor redactor) {
        this.plugins = plugins;
        this.connections = connections;
        this.redactor = redactor;
    }

    void validate(List<FlowDefinition> flows) {
        for (ConnectionDefinition c : connections) {
            PluginFactory<?> factory = factory("connection", c.spec(), plugins.connectionTypes(), plugins::connection);
            if (factory != null) {
                bind(factory, c.spec(), "connection '" + c.name() + "'");
            }
        }
        Destinations destinations = new Destinations(redactor);
        for (FlowDefinition d : flows) {
            String where = "flow '" + d.flow() + "'";
            check("home", d.home(), where, plugins.homeTypes(), plugins::home);
            Object options = check("store", d.store(), where, plugins.storeTypes(), plugins::store);
            if (options != null) {
                destinations.add(d, (StoreFactory<?>) plugins.store(d.store().type()), options).ifPresent(problems::add);
            }
            if (d.run().incremental()) {
                checkIncremental(d, where, options);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectConfigException(new ArrayList<>(problems));
        }
    }

    /**
     * What an incremental flow needs of its plugins: a Home that reads incrementally, a watermark
     * column, and a primary key where the Store merges.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void checkIncremental(FlowDefinition d, String where, Object storeOptions) {
        Origin at = d.run().runTypeOrigin();
        if (d.run().watermark().isEmpty()) {
            problems.add(new ConfigProblem(at, where + " is incremental but has no watermark: add watermark: {watermark_column:"
                    + " <column>, primary_key: <column>}, or run it full"));
            return;
        }
        if (plugins.homeTypes().contains(d.home().type())
                && !(plugins.home(d.home().type()) instanceof dev.hygge.spi.HomeFactory.ReadsIncrementally)) {
            problems.add(new ConfigProblem(d.home().typeOrigin(), "Home '" + d.home().type() + "' cannot read incrementally ("
                    + where + " is incremental at " + at + "); run it with run_type: full_drop, or use a Home that can"));
        }
        if (storeOptions != null && ((StoreFactory) plugins.store(d.store().type())).merges(storeOptions)
                && d.run().watermark().get().primaryKey().isEmpty()) {
            problems.add(new ConfigProblem(d.run().watermark().get().origin(), "Store '" + d.store().type() + "' of " + where
                    + " merges on a key, so the incremental flow needs watermark.primary_key: the column(s) that identify a row"));
        }
    }

    /** The options bound to the factory's options class, or null when they could not be (the problem is recorded). */
    private Object check(String role, PluginSpec spec, String where, Collection<String> known,
                         java.util.function.Function<String, PluginFactory<?>> lookup) {
        checkConnection(spec, role, where);
        PluginFactory<?> factory = factory(role.equals("home") ? "Home" : "Store", spec, known, lookup);
        return factory != null ? bind(factory, spec, role + " of " + where) : null;
    }

    private PluginFactory<?> factory(String kind, PluginSpec spec, Collection<String> known,
                                     java.util.function.Function<String, PluginFactory<?>> lookup) {
        if (!known.contains(spec.type())) {
            String hint = Closest.to(spec.type(), known).map(c -> "did you mean '" + c + "'? ").orElse("");
            problems.add(new ConfigProblem(spec.typeOrigin(), "unknown " + kind + " type '" + spec.type() + "'; " + hint
                    + "known types: " + (known.isEmpty() ? "(none: is the plugin's jar on the class path?)" : String.join(", ", known))));
            return null;
        }
        try {
            return lookup.apply(spec.type());
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(spec.typeOrigin(), redactor.redact(e.getMessage())));
            return null;
        }
    }

    private void checkConnection(PluginSpec spec, String role, String where) {
        YamlNode node = spec.node().get("connection");
        if (node == null || !(node.scalarValue() instanceof String name)) {
            return;
        }
        List<String> defined = connections.stream().map(ConnectionDefinition::name).toList();
        if (!defined.contains(name)) {
            String hint = Closest.to(name, defined).map(c -> "did you mean '" + c + "'? ").orElse("");
            problems.add(new ConfigProblem(node.origin(), "connection '" + name + "' used by the " + role + " of " + where
                    + " is not defined; " + hint + (defined.isEmpty() ? "add it under connections: in hygge.yml"
                            : "defined connections: " + String.join(", ", defined))));
        }
    }

    /**
     * The options bound and checked, or null when anything is wrong (each problem recorded). Jackson
     * stops at the first value it cannot bind, so the value is left out and the rest bound again:
     * {@code compression: zsdt} and {@code if_exists: replcae} of one Store are both reported, and
     * the factory's own checks still run on the keys that did bind.
     */
    private Object bind(PluginFactory<?> factory, PluginSpec spec, String where) {
        Map<String, Object> values = spec.options();
        boolean clean = true;
        Set<String> left = new LinkedHashSet<>();       // keys already reported: their defaults are not the user's mistake
        for (int attempt = 0; attempt <= values.size() + 8; attempt++) {
            try {
                Object options = Options.mapper().convertValue(values, factory.optionsType());
                return checkValues(factory, options, spec, where, left) && clean ? options : null;
            } catch (IllegalArgumentException e) {
                clean = false;
                if (!(e.getCause() instanceof JsonMappingException mapping)) {
                    problems.add(new ConfigProblem(spec.origin(), where + ": " + redactor.redact(e.getMessage())));
                    return null;
                }
                problems.add(problem(mapping, spec, where, factory));
                left.add(path(mapping).stream().takeWhile(String.class::isInstance).map(String::valueOf)
                        .collect(Collectors.joining(".")));
                Map<String, Object> rest = without(values, path(mapping));
                if (rest == null) {
                    return null;
                }
                values = rest;
            }
        }
        return null;
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        return path;
    }

    /** A copy of {@code values} without the value at {@code path} (the one that could not be bound); null when it is not there. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> without(Map<String, Object> values, List<Object> path) {
        if (path.isEmpty() || !(path.get(0) instanceof String key) || !values.containsKey(key)) {
            return null;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>(values);
        if (path.size() == 1 || !(values.get(key) instanceof Map<?, ?> nested)) {
            copy.remove(key);                           // a list item or a nested value: leave the whole key out
            return copy;
        }
        Map<String, Object> inner = without((Map<String, Object>) nested, path.subList(1, path.size()));
        if (inner == null) {
            copy.remove(key);
        } else {
            copy.put(key, inner);
        }
        return copy;
    }

    /**
     * Runs the factory's {@link PluginFactory#validate} on the bound options and records each problem
     * at the line of its key (or of the plugin node when the key is not written, say a required one).
     */
    private <O> boolean checkValues(PluginFactory<O> factory, Object bound, PluginSpec spec, String where, Set<String> left) {
        OptionProblems found = new OptionProblems();
        try {
            factory.validate(factory.optionsType().cast(bound), found);
        } catch (RuntimeException e) {
            // a plugin's bug, not the user's mistake: still say where, and keep checking the rest
            problems.add(new ConfigProblem(spec.origin(), "the " + where + " (type " + factory.type() + ") cannot be checked: "
                    + redactor.redact(String.valueOf(e))));
            return false;
        }
        for (OptionProblems.Problem p : found.list()) {
            if (left.stream().anyMatch(key -> !key.isEmpty() && (p.key().equals(key) || p.key().startsWith(key + ".")))) {
                continue;
            }
            YamlNode node = p.key().isEmpty() ? null : spec.node().find(List.of((Object[]) p.key().split("\\.")));
            Origin origin = node != null && node.origin() != null ? node.origin() : spec.origin();
            problems.add(new ConfigProblem(origin, "the " + where + " (type " + factory.type() + "): " + redactor.redact(p.message())));
        }
        return found.isEmpty();
    }

    private ConfigProblem problem(JsonMappingException e, PluginSpec spec, String where, PluginFactory<?> factory) {
        List<Object> path = path(e);
        YamlNode node = spec.node().find(path);
        String key = path.stream().map(String::valueOf).collect(Collectors.joining("."));
        if (e instanceof UnrecognizedPropertyException unknown) {
            Set<String> valid = new TreeSet<>();
            unknown.getKnownPropertyIds().forEach(id -> valid.add(String.valueOf(id)));
            if (path.size() == 1) {
                valid.add("type");
            }
            return new ConfigProblem(node.origin(), Closest.unknownKey("the " + where + " (type " + factory.type() + ")",
                    unknown.getPropertyName(), valid));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String last = path.isEmpty() ? "" : String.valueOf(path.get(path.size() - 1));
            boolean secret = path.stream().anyMatch(p -> Secrets.isSecretKey(String.valueOf(p)));
            String value = secret || Secrets.looksSecret(last) ? Secrets.MASK : node.shown();
            return new ConfigProblem(node.origin(), "'" + (key.isEmpty() ? last : key) + "' of the " + where + " must be "
                    + expected(mismatch.getTargetType()) + ", not " + value);
        }
        if (!node.variables().isEmpty()) {
            return new ConfigProblem(node.origin(), "'" + key + "' of the " + where + " cannot be read from " + node.shown());
        }
        return new ConfigProblem(node.origin(), "'" + key + "' of the " + where + ": " + redactor.redact(e.getOriginalMessage()));
    }

    static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || java.math.BigDecimal.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return "a map of " + type.getSimpleName() + " settings";
    }
}
