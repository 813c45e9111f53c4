package dev.hygge.cli;

import dev.hygge.spi.Plugins;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hygge validate}: loads the project and binds every Home, Store and connection to its
 * plugin's options, reporting every problem with file and line. Nothing is opened or written.
 */
@Command(name = "validate", description = "Check the project's configuration; print every problem with its file and line.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    HyggeCli cli;

    @Override
    public Integer call() {
        Plugins plugins = cli.plugins.get();
        Project project = cli.loadProject(plugins);
        project.validate(plugins);
        long entities = project.flows().stream().filter(d -> d.entity().isPresent()).count();
        cli.out.println("Project " + project.name() + " (" + project.file() + ") is valid: " + project.flowNames().size()
                + " flow" + (project.flowNames().size() == 1 ? "" : "s") + (entities > 0 ? ", " + entities + " entities" : "")
                + ", " + project.connections().size() + " connection" + (project.connections().size() == 1 ? "" : "s") + ".");
        project.notes().forEach(note -> cli.out.println("  note: " + note));
        for (String flow : project.flowNames()) {
            long count = project.flows().stream().filter(d -> d.flow().equals(flow)).count();
            FlowDefinition first = project.flows().stream().filter(d -> d.flow().equals(flow)).findFirst().orElse(null);
            if (first != null) {
                cli.out.println("  " + flow + ": " + first.home().type() + " -> " + first.store().type()
                        + (first.entity().isPresent() ? " (" + count + " entities)" : ""));
            }
        }
        return HyggeCli.OK;
    }
}
