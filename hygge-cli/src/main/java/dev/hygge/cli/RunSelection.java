package dev.hygge.cli;

import dev.hygge.ProjectFlows;
import dev.hygge.RunOptions;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import dev.hygge.spi.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What a run ({@code hygge start} or {@code hygge go}) runs and how: the flows and entities chosen,
 * the run type forced for once, {@code --var} overrides and {@code --concurrency}. One mixin, so
 * both commands take the same flags and mean the same by them.
 *
 * <pre>
 * --flow crm,billing --flow hr        these flows (repeated, or comma lists)
 * --entity crm.Account                one entity of one flow (the original's flow.entity)
 * --flow crm --entity Account         an entity of the flows given, or of every flow when none is
 * </pre>
 */
final class RunSelection {
    @Option(names = {"-f", "--flow"}, paramLabel = "FLOW", split = ",",
            description = "Run only these flows (repeat the flag or give a comma list).")
    List<String> flows = new ArrayList<>();

    @Option(names = {"-e", "--entity"}, paramLabel = "FLOW.ENTITY", split = ",",
            description = "Run only these entities: flow.entity, or an entity name alone (of --flow, or of every flow that has it).")
    List<String> entities = new ArrayList<>();

    @Option(names = {"-i", "--incremental"}, description = "This run only: read only what is new in every selected flow (each needs a"
            + " watermark), whatever run_type says.")
    boolean incremental;

    @Option(names = {"-d", "--full-drop"}, description = "This run only: read everything in every selected flow, whatever run_type"
            + " says; a flow with a watermark commits the greatest value read.")
    boolean fullDrop;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N",
            description = "Flows (entities) running at once in this run, instead of the project's max_parallel_flows.")
    Integer concurrency;

    @Option(names = "--var", paramLabel = "flow.NAME.FIELD=VALUE",
            description = "Change one flow's setting for this run: home.<key>, store.<key>, run_type, full_drop. Repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print what each entity would do (home -> store, run type) from the planner;"
            + " move no rows, write nothing.")
    boolean dryRun;

    /** Checks the flags that contradict each other before anything is loaded. */
    void check() {
        if (incremental && fullDrop) {
            throw new ConfigException("--incremental and --full-drop say opposite things; give one of them");
        }
        if (concurrency != null && concurrency < 1) {
            throw new ConfigException("--concurrency " + concurrency + ": give at least 1 (flows running at once)");
        }
    }

    /** The project's flows that were chosen, in the project's order, with {@code --var} and the forced run type applied. */
    List<FlowDefinition> select(Project project) {
        Set<FlowDefinition> chosen = new LinkedHashSet<>();
        List<String> bare = entities.stream().filter(e -> !e.contains(".")).toList();
        for (String e : entities) {
            int dot = e.indexOf('.');
            if (dot == 0 || dot == e.length() - 1) {
                throw new ConfigException("--entity " + e + ": write flow.entity (e.g. crm.Account) or the entity's name alone");
            }
            if (dot > 0) {
                chosen.addAll(project.select(e.substring(0, dot), e.substring(dot + 1)));
            }
        }
        if (!bare.isEmpty()) {
            for (String e : bare) {
                if (flows.isEmpty()) {
                    chosen.addAll(project.select(null, e));
                } else {
                    flows.forEach(f -> chosen.addAll(project.select(f, e)));
                }
            }
        } else {
            flows.forEach(f -> chosen.addAll(project.select(f, null)));
        }
        List<FlowDefinition> selected = flows.isEmpty() && entities.isEmpty() ? project.flows()
                : project.flows().stream().filter(chosen::contains).toList();
        selected = new FlowOverrides(vars).apply(project, selected);
        return incremental || fullDrop ? ProjectFlows.runType(selected, incremental) : selected;
    }

    /** The project's run options, with {@code --concurrency} in place of {@code max_parallel_flows}. */
    RunOptions runOptions(Project project) {
        RunOptions options = ProjectFlows.runOptions(project);
        return concurrency == null ? options : new RunOptions(concurrency, options.continueOnError());
    }
}
