package dev.hygge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hygge.FlowPlan;
import dev.hygge.Hygge;
import dev.hygge.ProjectFlows;
import dev.hygge.spi.Plugins;
import dev.hygge.config.ConnectionDefinition;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.PluginSpec;
import dev.hygge.config.Project;
import dev.hygge.spi.Connection;
import dev.hygge.spi.PluginFactory;
import dev.hygge.spi.SupportsConnectionTest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hygge debug}: the resolved configuration with secrets masked, every connection opened
 * and closed, every Home opened to show its splits and columns, and for table Stores the planned
 * write (inferred columns and DDL, from a sample of the Home's rows). Nothing is written.
 */
@Command(name = "debug", description = "Show the resolved configuration (secrets masked), test connections and homes; writes nothing.")
final class DebugCommand implements Callable<Integer> {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    @ParentCommand
    HyggeCli cli;

    @Option(names = {"-f", "--flow"}, paramLabel = "FLOW", description = "Show only this flow.")
    String flow;

    @Option(names = {"-e", "--entity"}, paramLabel = "ENTITY", description = "Show only this entity.")
    String entity;

    @Option(names = "--no-open", description = "Do not open connections and homes; only print the configuration.")
    boolean noOpen;

    private Project project;

    /** Secrets and values from the environment out of anything printed. */
    private String redact(String text) {
        return project.redact(text);
    }

    @Override
    public Integer call() throws Exception {
        Plugins plugins = cli.plugins.get();
        Project project = cli.loadProject(plugins);
        this.project = project;
        List<FlowDefinition> flows = project.select(flow, entity);
        PrintWriter out = cli.out;
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("project", project.name());
        resolved.put("file", project.file().toString());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("max_parallel_flows", project.options().maxParallelFlows());
        options.put("continue_on_error", project.options().continueOnError());
        options.put("queue_size", project.options().queueSize());
        options.put("parallelism", project.options().parallelism());
        options.put("lock_timeout", project.options().lockTimeout().toString());
        resolved.put("options", options);
        Map<String, Object> connections = new LinkedHashMap<>();
        for (ConnectionDefinition c : project.connections()) {
            connections.put(c.name(), typed(c.spec(), factory(() -> plugins.connection(c.spec().type()))));
        }
        resolved.put("connections", connections);
        Map<String, Object> flowMap = new LinkedHashMap<>();
        for (FlowDefinition d : flows) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("home", typed(d.home(), factory(() -> plugins.home(d.home().type()))));
            f.put("store", typed(d.store(), factory(() -> plugins.store(d.store().type()))));
            d.polish().ifPresent(polish -> f.put("polish", polish.steps()));
            f.put("parallelism", d.parallelism());
            f.put("queue_size", d.queueSize());
            f.put("lock_timeout", d.lockTimeout().toString());
            f.put("defined_at", d.origin().toString());
            flowMap.put(d.label(), f);
        }
        resolved.put("flows", flowMap);
        out.println("# Resolved configuration (secrets masked)");
        out.print(yaml(resolved));
        project.notes().forEach(note -> out.println("# note: " + note));
        out.flush();

        project.validate(plugins);
        out.println("# Configuration is valid.");
        if (noOpen) {
            return HyggeCli.OK;
        }
        boolean ok = true;
        try (Hygge hygge = ProjectFlows.connections(project, Hygge.builder().plugins(plugins).progressInterval(null)).build()) {
            for (ConnectionDefinition c : project.connections()) {
                if (c.spec().options().get("path") instanceof String file && !file.startsWith(":") && !Files.exists(Path.of(file))) {
                    out.println("connection " + c.name() + " (" + c.spec().type() + "): " + file
                            + " does not exist yet (not opened: opening would create it)");
                    continue;
                }
                try {
                    Connection connection = hygge.context().connection(c.name(), Connection.class);
                    // a pool opens lazily: only the connection's own test knows that the server answers
                    String answered = connection instanceof SupportsConnectionTest testable ? ", " + redact(testable.test()) : "";
                    out.println("connection " + c.name() + " (" + c.spec().type() + "): ok" + answered);
                } catch (RuntimeException e) {
                    ok = false;
                    out.println("connection " + c.name() + " (" + c.spec().type() + "): FAILED: " + redact(e.getMessage()));
                }
                out.flush();
            }
            for (FlowDefinition d : flows) {
                ok &= describeFlow(out, hygge, d);
                out.flush();
            }
        }
        return ok ? HyggeCli.OK : HyggeCli.FLOW_FAILED;
    }

    /**
     * The flow's plan ({@link Hygge#plan}): the Home opened for its splits and columns and, for a
     * Store that plans its writes (duckdb, mssql, ...), the write planned from a sample of the Home's
     * rows (the inferred columns and the DDL). Nothing is written; a Store whose creation would create
     * something (a database file) is not created.
     */
    private boolean describeFlow(PrintWriter out, Hygge hygge, FlowDefinition d) {
        try {
            FlowPlan plan = hygge.plan(ProjectFlows.flow(d));
            out.print(redact(plan.describe()));
            return true;
        } catch (RuntimeException e) {
            out.println(d.label() + ":");
            out.println("  FAILED: " + redact(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** What debug prints of a Home, Store or connection: secrets, and values of keys the plugin does not know, masked. */
    private static Map<String, Object> typed(PluginSpec spec, PluginFactory<?> factory) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", spec.type());
        map.putAll(Project.shown(spec, factory));
        return map;
    }

    /** The factory of a type, or null when the type is unknown (validation reports it below). */
    private static PluginFactory<?> factory(java.util.function.Supplier<PluginFactory<?>> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException unknownType) {
            return null;
        }
    }

    private static String yaml(Object value) throws JsonProcessingException {
        return YAML.writeValueAsString(value);
    }
}
