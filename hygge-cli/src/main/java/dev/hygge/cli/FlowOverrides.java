package dev.hygge.cli;

import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Origin;
import dev.hygge.config.PluginSpec;
import dev.hygge.config.Project;
import dev.hygge.spi.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The original's {@code --var flow.<name>.<field>=value}: one flow's setting changed for this run
 * only. Fields are {@code home.<key>} and {@code store.<key>} (any option of the Home or Store,
 * nested keys with more dots), {@code run_type} ({@code full_drop | incremental}), and the
 * original's {@code full_drop=true|false}. The new options are validated with the flow, so an
 * unknown Store key is reported like one written in YAML, at {@code --var ...}.
 *
 * <p>As the original's, an override reaches every entity of its flow that runs: there is no
 * entity-level path (the original deep-merged {@code flow.<name>.*} into each entity's flow
 * settings, and had none either). An entity path ({@code flow.sales.entities.orders.store.path},
 * {@code flow.sales.orders.store.path}, {@code flow.sales/orders...}) is an error saying so and
 * how to get its effect: select the entity with {@code -e sales.orders} and override the flow.
 *
 * <pre>
 * hygge go --var flow.sales.store.path=/tmp/try --var flow.sales.run_type=full_drop
 * </pre>
 */
final class FlowOverrides {
    static final String FIELDS = "home.<key>, store.<key>, run_type (full_drop | incremental), full_drop (true | false)";

    private record Override(String flow, List<String> field, String value, String written) {}

    private final List<Override> overrides = new ArrayList<>();

    /** Parses every {@code --var}; the syntax is checked here, the flow names when {@link #apply applied}. */
    FlowOverrides(List<String> vars) {
        for (String var : vars) {
            int eq = var.indexOf('=');
            String[] key = (eq < 0 ? var : var.substring(0, eq)).split("\\.", -1);
            if (eq < 0 || key.length < 3 || !key[0].equals("flow") || Arrays.stream(key).anyMatch(String::isEmpty)) {
                throw new ConfigException("--var " + var + ": write flow.<flow_name>.<field>=value, e.g."
                        + " --var flow.sales.store.path=out; fields: " + FIELDS);
            }
            overrides.add(new Override(key[1], List.of(key).subList(2, key.length), var.substring(eq + 1), var));
        }
    }

    /** The definitions with every override of their flow applied, in the order given. */
    List<FlowDefinition> apply(Project project, List<FlowDefinition> definitions) {
        for (Override o : overrides) {
            entityPath(project, o);
        }
        for (Override o : overrides) {
            if (!project.flowNames().contains(o.flow())) {
                try {
                    project.select(o.flow(), null);         // its message names the flows and the closest one
                } catch (ConfigException e) {
                    throw new ConfigException("--var " + o.written() + ": " + e.getMessage());
                }
            }
        }
        List<FlowDefinition> result = new ArrayList<>();
        for (FlowDefinition d : definitions) {
            for (Override o : overrides) {
                if (o.flow().equals(d.flow())) {
                    d = apply(project, d, o);
                }
            }
            result.add(d);
        }
        return result;
    }

    /** Refuses an override written for one entity, naming what does the same. */
    private static void entityPath(Project project, Override o) {
        String flow = o.flow();
        String entity = null;
        List<String> rest = o.field();
        int slash = flow.indexOf('/');
        if (slash > 0 && project.flowNames().contains(flow.substring(0, slash))) {
            entity = flow.substring(slash + 1);
            flow = flow.substring(0, slash);
        } else if ((rest.get(0).equals("entities") || rest.get(0).equals("entity")) && rest.size() > 1) {
            entity = rest.get(1);
            rest = rest.subList(2, rest.size());
        } else if (project.flowNames().contains(flow) && !List.of("home", "store", "run_type", "full_drop").contains(rest.get(0))) {
            String first = rest.get(0);
            if (project.flows().stream().anyMatch(d -> d.flow().equals(o.flow()) && d.entity().filter(first::equals).isPresent())) {
                entity = first;
                rest = rest.subList(1, rest.size());
            }
        }
        if (entity == null) {
            return;
        }
        String field = rest.isEmpty() ? "<field>" : String.join(".", rest);
        throw new ConfigException("--var " + o.written() + ": --var sets a field of every entity of flow '" + flow
                + "', as the original's did; it has no entity-level path. To change entity '" + entity + "' alone, run it alone: -e "
                + flow + "." + entity + " --var flow." + flow + "." + field + "=" + o.value() + "; fields: " + FIELDS);
    }

    private static FlowDefinition apply(Project project, FlowDefinition d, Override o) {
        String field = o.field().get(0);
        List<String> rest = o.field().subList(1, o.field().size());
        Origin origin = new Origin(Path.of("--var " + o.written()), 0, 0);
        switch (field) {
            case "home", "store" -> {
                if (rest.isEmpty() || rest.contains("type")) {
                    throw new ConfigException("--var " + o.written() + ": name the " + field + "'s option to change, e.g. flow."
                            + o.flow() + "." + field + ".path=...; its type cannot be changed for one run");
                }
                PluginSpec spec = (field.equals("home") ? d.home() : d.store())
                        .withOption(rest, value(project, rest.get(rest.size() - 1), o.value()), origin);
                return new FlowDefinition(d.flow(), d.entity(), field.equals("home") ? spec : d.home(),
                        field.equals("store") ? spec : d.store(), d.parallelism(), d.queueSize(), d.origin(), d.lockTimeout(), d.run(),
                        d.polish());
            }
            case "run_type" -> {
                String type = o.value().toLowerCase(Locale.ROOT);
                if (!rest.isEmpty() || !(type.equals("full_drop") || type.equals("incremental"))) {
                    throw new ConfigException("--var " + o.written() + ": run_type is full_drop or incremental");
                }
                return d.withIncremental(type.equals("incremental"));
            }
            case "full_drop" -> {
                Object flag = value(project, field, o.value());
                if (!rest.isEmpty() || !(flag instanceof Boolean drop)) {
                    throw new ConfigException("--var " + o.written() + ": full_drop is true or false");
                }
                return d.withIncremental(!drop);
            }
            default -> throw new ConfigException("--var " + o.written() + ": flow '" + o.flow() + "' has no field '"
                    + String.join(".", o.field()) + "' that --var can set; fields: " + FIELDS);
        }
    }

    /**
     * The value as YAML would have given it: {@code true}/{@code false}, a whole number, a decimal,
     * else text; a relative path under a path key ({@code path}, {@code *_path}, {@code file},
     * {@code dir}) taken from the project's folder, as the loader takes the YAML's.
     */
    static Object value(Project project, String key, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.valueOf(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        boolean pathKey = key.equals("path") || key.endsWith("_path") || key.equals("file") || key.equals("dir")
                || key.equals("directory");
        if (pathKey && !text.isEmpty() && !text.startsWith(":") && !text.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            try {
                Path p = Path.of(text.startsWith("~") ? System.getProperty("user.home") + text.substring(1) : text);
                String resolved = p.isAbsolute() ? p.toString() : project.root().resolve(p).normalize().toString();
                return text.endsWith("/") && !resolved.endsWith("/") ? resolved + "/" : resolved;
            } catch (InvalidPathException e) {
                return text;
            }
        }
        return text;
    }
}
