package dev.hygge.cli;

import dev.hygge.Flow;
import dev.hygge.FlowPlan;
import dev.hygge.Hygge;
import dev.hygge.ProjectFlows;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Plugins;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code hygge go --dry-run}: per entity one line, {@code crm/Account  mssql → parquet (incremental)},
 * from the planner ({@link Hygge#plan}), which reads the Home's schema (and the sample a table Store
 * infers from) but moves no rows, takes no lock and writes nothing; no journal is opened and no run
 * record written. {@code --verbose} adds each plan (splits, columns, the Store's DDL).
 */
final class DryRun {
    private final PrintWriter out;
    private final boolean verbose;

    DryRun(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    /** Prints the plan of every definition; {@link HyggeCli#FLOW_FAILED} when one cannot be planned. */
    int print(Project project, List<FlowDefinition> selected, Plugins plugins) {
        List<Flow> flows = ProjectFlows.flows(project, selected, plugins);      // validates: problems with file and line
        int width = selected.stream().mapToInt(d -> d.label().length()).max().orElse(4);
        out.println("hygge " + project.name() + ": dry run of " + selected.size() + " flow" + (selected.size() == 1 ? "" : "s")
                + ", nothing moved or written");
        int failed = 0;
        try (Hygge hygge = ProjectFlows.connections(project, Hygge.builder().plugins(plugins).progressInterval(null)).build()) {
            for (int i = 0; i < flows.size(); i++) {
                FlowDefinition d = selected.get(i);
                String line = String.format(Locale.ROOT, "%-" + width + "s  %s → %s (%s)", d.label(), d.home().type(), d.store().type(),
                        d.run().incremental() ? "incremental" : "full_drop");
                try {
                    FlowPlan plan = hygge.plan(flows.get(i));
                    out.println(line);
                    if (verbose) {
                        plan.describe().lines().forEach(l -> out.println("    " + l));
                    }
                } catch (dev.hygge.spi.ConfigException e) {
                    throw e;                                                    // the flow's options: a config error, exit 2
                } catch (HyggeException e) {
                    failed++;
                    out.println(line + ": cannot be planned: " + project.redact(String.valueOf(e.getMessage())));
                }
            }
        }
        out.println(failed == 0 ? "Dry run: " + flows.size() + " planned." : "Dry run: " + failed + " of " + flows.size()
                + " cannot be planned.");
        out.flush();
        return failed == 0 ? HyggeCli.OK : HyggeCli.FLOW_FAILED;
    }
}
