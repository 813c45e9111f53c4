package dev.hygge.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.hygge.ConfigException;
import dev.hygge.Options;
import dev.hygge.Plugins;
import dev.hygge.spi.PluginFactory;
import dev.hygge.spi.StoreFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
        }
        if (!problems.isEmpty()) {
            throw new ProjectConfigException(new ArrayList<>(problems));
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

    private Object bind(PluginFactory<?> factory, PluginSpec spec, String where) {
        try {
            Object options = Options.mapper().convertValue(spec.options(), factory.optionsType());
            return checkValues(options, spec, where) ? options : null;
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonMappingException mapping) {
                problems.add(problem(mapping, spec, where, factory));
            } else {
                problems.add(new ConfigProblem(spec.origin(), where + ": " + redactor.redact(e.getMessage())));
            }
            return null;
        }
    }

    /**
     * Options classes check their values in a {@code public void validate(String where)} that
     * throws {@link ConfigException} (ranges, required keys, combinations), the convention the
     * table Stores' options follow; it runs here so that the mistake is reported with its file
     * and line before anything runs. Factories without it check in {@code create()}.
     */
    private boolean checkValues(Object options, PluginSpec spec, String where) {
        Method validate;
        try {
            validate = options.getClass().getMethod("validate", String.class);
        } catch (NoSuchMethodException e) {
            return true;
        }
        try {
            validate.invoke(options, "the " + where);
            return true;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException config) {
                problems.add(new ConfigProblem(spec.origin(), redactor.redact(config.getMessage())));
            } else {
                problems.add(new ConfigProblem(spec.origin(), "the " + where + " cannot be checked: "
                        + redactor.redact(String.valueOf(e.getCause()))));
            }
        } catch (IllegalAccessException e) {
            return true;                                   // not public: the factory checks in create()
        }
        return false;
    }

    private ConfigProblem problem(JsonMappingException e, PluginSpec spec, String where, PluginFactory<?> factory) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
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
