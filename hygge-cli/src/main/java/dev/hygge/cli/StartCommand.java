package dev.hygge.cli;

import dev.hygge.spi.ConfigException;
import dev.hygge.Flow;
import dev.hygge.Hygge;
import dev.hygge.ProjectFlows;
import dev.hygge.ProjectJournals;
import dev.hygge.RunOptions;
import dev.hygge.spi.Plugins;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hygge start}: runs the project's flows through the coordinator with live progress and a
 * summary table, and writes the JSON result to {@code .hygge/runs/}.
 *
 * <pre>
 * hygge start                          every flow
 * hygge start --flow crm --entity Account
 * hygge start --failed                 what did not succeed in the last run (failed, cancelled, or never
 *                                      finished because the run was killed)
 * hygge start --json                   the JSON result on stdout, progress on stderr
 * hygge start --incremental            this once, every selected flow incremental (each needs a watermark)
 * hygge start --full-drop              this once, every selected flow reads everything (and commits its watermark)
 * hygge go -f crm,hr -e billing.Invoice -c 2 --var flow.crm.store.path=/tmp/try --dry-run
 *                                      the original's command and flags: the same run ({@link RunSelection})
 * </pre>
 */
@Command(name = "start", aliases = "go", description = "Run the project's flows (or some flows / entities) and print a summary"
        + " (go: the original's name for it).")
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    HyggeCli cli;

    @Mixin
    RunSelection selection = new RunSelection();

    @Option(names = "--failed", description = "Rerun only what did not succeed in the last run (failed, cancelled, or left unfinished by a killed"
            + " run; .hygge/runs/last.json).")
    boolean failed;

    @Option(names = "--json", description = "Print the run's JSON result on stdout (progress and summary go to stderr).")
    boolean json;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between progress lines of running flows (default ${DEFAULT-VALUE}).")
    double progressInterval;

    @Override
    public Integer call() throws Exception {
        selection.check();
        Plugins plugins = cli.plugins.get();
        Project project = cli.loadProject(plugins);
        List<FlowDefinition> selected = selection.select(project);
        PrintWriter human = json ? cli.err : cli.out;
        project.notes().forEach(note -> cli.err.println("note: " + note));
        String rerunning = "";
        if (failed) {
            RunReport last = lastRun(project);
            Set<String> again = last.flows().stream().filter(f -> !f.succeeded()).map(RunReport.FlowReport::label)
                    .collect(Collectors.toSet());
            selected = selected.stream().filter(d -> again.contains(d.label())).toList();
            if (selected.isEmpty()) {
                human.println("Nothing to rerun: every flow of the last run (" + last.runId() + ") succeeded.");
                return HyggeCli.OK;
            }
            rerunning = RunReport.INTERRUPTED.equals(last.status()) ? " that did not finish in the interrupted run " + last.runId()
                    : " that failed last time";
        }
        if (selection.dryRun) {                         // after --failed: the plan of what would rerun
            return new DryRun(human, cli.verbose).print(project, selected, plugins);
        }
        ProjectJournals journals = ProjectJournals.discover();
        List<Flow> flows;
        try {
            flows = ProjectFlows.flows(project, selected, plugins, journals);   // validates what runs; problems with file and line
        } catch (RuntimeException e) {
            journals.close();
            throw e;
        }
        RunOptions runOptions = selection.runOptions(project);
        int width = selected.stream().mapToInt(d -> d.label().length()).max().orElse(20);
        human.println("hygge " + project.name() + ": " + flows.size() + " flow" + (flows.size() == 1 ? "" : "s")
                + rerunning + ", " + runOptions.maxParallelFlows() + " at a time");
        // Ctrl-C: interrupting the coordinator cancels every flow (their writes abort, destinations
        // stay as they were); the hook waits until the result naming them cancelled is written.
        Thread runner = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hygge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunRecord record = new RunRecord(project.root(), project.name(), selected, project::redact);
        RunReport report;
        try {
            try (ProgressPrinter progress = new ProgressPrinter(cli.err, Duration.ofMillis((long) (progressInterval * 1000)), width,
                    project::redact);
                 Hygge hygge = ProjectFlows.connections(project, Hygge.builder().plugins(plugins).progressInterval(null)
                         .listener(progress).listener(record)).build()) {
                record.begin(hygge.runId());
                report = record.finish(hygge.run(flows, runOptions));
            }
        } catch (Throwable t) {
            // whatever escaped the engine, the run ends with its record and summary
            RunReport ended = record.abort(t);
            if (ended != null) {
                SummaryTable.print(human, ended);
                human.flush();
            }
            throw t;
        } finally {
            journals.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for the countDown above
            }
            Thread.interrupted();
        }
        SummaryTable.print(human, report);
        Path written = RunReport.runsDir(project.root()).resolve("last.json");
        Path here = Path.of("").toAbsolutePath();
        human.println("Result: " + (written.toAbsolutePath().startsWith(here) ? here.relativize(written.toAbsolutePath()) : written));
        human.flush();
        if (json) {
            cli.out.println(report.toJson());
            cli.out.flush();
        }
        return report.succeeded() ? HyggeCli.OK : HyggeCli.FLOW_FAILED;
    }

    /**
     * The last run, for {@code --failed}. A run still running cannot be rerun: on this machine its
     * process is alive (a dead one reads as interrupted); on another, hygge cannot tell.
     */
    private static RunReport lastRun(Project project) throws java.io.IOException {
        var last = RunReport.last(project.root());
        if (last.isEmpty()) {
            throw new ConfigException("--failed reruns what failed in the last run, but this project has no run yet"
                    + " (no " + project.root().relativize(RunReport.runsDir(project.root()).resolve("last.json"))
                    + "); run hygge start first");
        }
        RunReport run = last.get();
        if (RunReport.RUNNING.equals(run.status())) {
            throw new ConfigException(run.sameHost()
                    ? "--failed: the last run " + run.runId() + " is still running (pid " + run.pid() + ", since " + run.startedAt()
                            + "); wait for it to end or stop it, then rerun what it did not finish"
                    : "--failed: the last run " + run.runId() + " is marked running on host " + run.host() + " (pid " + run.pid()
                            + "), which this machine cannot check; wait for it to end there, or rerun flows by name with"
                            + " --flow/--entity");
        }
        return run;
    }
}
