package dev.hygge.cli;

import dev.hygge.spi.ConfigException;
import dev.hygge.Flow;
import dev.hygge.Hygge;
import dev.hygge.RunOptions;
import dev.hygge.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hygge init NAME}: a project that runs as created. It writes sample parquet data to
 * {@code data/landing/<entity>/} and a flow {@code landing_to_lake} that copies every entity
 * folder to {@code data/lake/<entity>/}.
 *
 * <pre>
 * hygge init sales && cd sales && hygge start
 * hygge init big --entities 50 --rows 200000 --max-parallel-flows 4     (the benchmark's project)
 * hygge init sales --flows-dir pipelines --force     (the original's flags: its flows folder; into a folder that has files)
 * </pre>
 *
 * <p>{@code --force} does what the original's did: the files init writes are written over, every
 * other file in the folder stays (the original also kept the folder and only rewrote its own
 * files). Here that is hygge.yml, the flow's flow.yml and the sample entities' folders under
 * data/landing (replaced by fresh sample rows); a .gitignore already there is kept.
 */
@Command(name = "init", description = "Create a project folder NAME (in the working directory, or under --project) with sample data and a flow that runs as created.")
final class InitCommand implements Callable<Integer> {
    static final List<String> SAMPLE_ENTITIES = List.of("customers", "orders", "products");

    @ParentCommand
    HyggeCli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The project's name and folder.")
    String name;

    @Option(names = "--entities", paramLabel = "N", defaultValue = "3",
            description = "Sample entities to generate (default ${DEFAULT-VALUE}: customers, orders, products).")
    int entities;

    @Option(names = "--rows", paramLabel = "ROWS", defaultValue = "10000", description = "Rows per sample entity (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--max-parallel-flows", paramLabel = "N", defaultValue = "4",
            description = "The project's max_parallel_flows (default ${DEFAULT-VALUE}).")
    int maxParallelFlows;

    @Option(names = "--no-data", description = "Write the project files only, no sample data.")
    boolean noData;

    @Option(names = {"-d", "--flows-dir"}, paramLabel = "DIR", defaultValue = "flows",
            description = "The project's flows folder (flows_dir; default ${DEFAULT-VALUE}).")
    String flowsDir;

    @Option(names = {"-f", "--force"}, description = "Create the project in a folder that is not empty: the files init writes"
            + " (hygge.yml, the flow's flow.yml, the sample entities' data) are overwritten, every other file is kept.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (entities < 1 || rows < 0 || maxParallelFlows < 1) {
            throw new ConfigException("--entities and --max-parallel-flows must be at least 1 and --rows at least 0");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new ConfigException("Project name '" + name + "' may hold only letters, digits, '_', '-' and '.'");
        }
        Path base = cli.project != null ? cli.project : Path.of("");
        Path dir = base.resolve(name).toAbsolutePath().normalize();
        if (!flowsDir.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*") || flowsDir.contains("..")) {
            throw new ConfigException("--flows-dir '" + flowsDir + "' must be a folder inside the project (letters, digits, '_', '-',"
                    + " '.', '/'), e.g. flows");
        }
        if (Files.exists(dir) && !isEmptyDir(dir) && !force) {
            throw new ConfigException("Folder " + dir + " already exists and is not empty; pick another NAME, remove it, or give"
                    + " --force to overwrite the files init writes (other files are kept)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException(dir + " is a file, not a folder; pick another NAME");
        }
        Files.createDirectories(dir.resolve(flowsDir).resolve("landing_to_lake"));
        Files.writeString(dir.resolve("hygge.yml"), """
                # hygge project: see https://github.com/hygge-dev/hygge-java (README) for every setting.
                name: %s
                flows_dir: %s%s# %s/<flow>/flow.yml, %s/<flow>/entities/<entity>.yml
                options:
                  max_parallel_flows: %d       # entities (flows) running at once
                  continue_on_error: true     # one failed entity does not stop the others
                # connections:                # shared by every home/store that names them, e.g.
                #   warehouse: {type: mssql, server: "${SQL_SERVER}", database: analytics, auth: azure_default}
                """.formatted(name, flowsDir, " ".repeat(Math.max(1, 20 - flowsDir.length())), flowsDir, flowsDir, maxParallelFlows));
        Files.writeString(dir.resolve(flowsDir).resolve("landing_to_lake/flow.yml"), """
                # Every sub-folder of data/landing is an entity; each is copied to data/lake/<entity>/.
                home: data/landing/
                store:
                  type: parquet
                  path: data/lake
                  compression: zstd
                  if_exists: replace          # rerunning replaces the entity's files (append | replace | fail)
                entities: "*"                 # or a list: [customers, orders]; narrow with include:/exclude: globs
                """);
        if (!Files.exists(dir.resolve(".gitignore"))) {                  // a project's own .gitignore is kept, even with --force
            Files.writeString(dir.resolve(".gitignore"), ".hygge/\ndata/lake/\n");
        }
        cli.out.println("Created project " + name + " in " + dir);
        if (!noData) {
            writeSampleData(dir);
        }
        cli.out.println("Next: cd " + name + " && hygge start");
        return HyggeCli.OK;
    }

    private void writeSampleData(Path dir) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entities; i++) {
            names.add(entities <= SAMPLE_ENTITIES.size() ? SAMPLE_ENTITIES.get(i) : String.format(Locale.ROOT, "entity_%03d", i + 1));
        }
        String landing = dir.resolve("data/landing").toString();
        List<Flow> flows = new ArrayList<>();
        for (String entity : names) {
            flows.add(Flow.builder("sample").entity(entity).from(new SampleHome(entity, rows, 50_000, 1))
                    .to("parquet", Map.of("path", landing, "if_exists", "replace")).build());
        }
        try (Hygge hygge = Hygge.builder().plugins(cli.plugins.get()).progressInterval(null).build()) {
            RunResult result = hygge.run(flows, new RunOptions(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), false));
            if (!result.succeeded()) {
                throw result.failed().get(0).error().orElseThrow();
            }
            cli.out.println(String.format(Locale.ROOT, "Wrote sample data: %d entities x %,d rows in data/landing/ (%.1f s)",
                    names.size(), rows, result.duration().toMillis() / 1000.0));
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
