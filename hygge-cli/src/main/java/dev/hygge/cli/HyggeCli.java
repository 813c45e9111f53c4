package dev.hygge.cli;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Plugins;
import dev.hygge.config.ConfigProblem;
import dev.hygge.config.Origin;
import dev.hygge.config.Project;
import dev.hygge.config.ProjectConfigException;
import dev.hygge.config.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hygge} command: {@code init}, {@code start} (or the original's {@code go}), {@code debug}, {@code validate}, {@code journal} over a
 * YAML project found from the working directory upwards.
 *
 * <pre>{@code
 * hygge init sales && cd sales && hygge start
 * // in-process, as the tests do:
 * int exit = HyggeCli.execute(out, err, "start", "--project", "/path/to/sales", "--json");
 * }</pre>
 *
 * <p>Exit codes: {@value #OK} success, {@value #FLOW_FAILED} a flow failed, {@value #CONFIG_ERROR}
 * a configuration error (nothing ran).
 */
@Command(name = "hygge", mixinStandardHelpOptions = true, versionProvider = HyggeCli.Version.class,
        description = "Move tabular data from where it lives (a Home) to where it should rest (a Store).",
        subcommands = {InitCommand.class, StartCommand.class, DebugCommand.class, ValidateCommand.class, JournalCommand.class,
            CommandLine.HelpCommand.class})
public final class HyggeCli implements Runnable {
    public static final int OK = 0;
    public static final int FLOW_FAILED = 1;
    public static final int CONFIG_ERROR = 2;

    @Option(names = {"-p", "--project"}, scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATH",
            description = "The project folder or hygge.yml (default: found from the working directory upwards).")
    Path project;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT, description = "Log more (engine and plugin details).")
    boolean verbose;

    PrintWriter out;
    PrintWriter err;
    Supplier<Plugins> plugins = Plugins::discover;
    /** Makes an error safe to print; once a project is loaded, its own (values from ${VAR} too). */
    java.util.function.UnaryOperator<String> redact = Secrets::maskText;

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    public static void main(String[] args) {
        configureLogging(args);
        if (opensEngines(args)) {
            dev.hygge.Warmup.start();           // Arrow's, the JVM's and the plugins' one-time starts, beside reading the project
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /** The commands that open Homes, Stores or the journal, whose one-time starts {@link dev.hygge.Warmup} overlaps. */
    private static final java.util.Set<String> ENGINE_COMMANDS = java.util.Set.of("start", "go", "debug", "journal");

    /** Whether the command named first (the first argument that is not an option) opens engines. */
    static boolean opensEngines(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-p") || args[i].equals("--project")) {
                i++;                                    // its value
            } else if (!args[i].startsWith("-")) {
                return ENGINE_COMMANDS.contains(args[i]);
            }
        }
        return false;
    }

    /** Runs the command line with these streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, Plugins::discover, args);
    }

    /** As {@link #execute(PrintWriter, PrintWriter, String...)}, with the given plugins instead of the discovered ones. */
    public static int execute(PrintWriter out, PrintWriter err, Supplier<Plugins> plugins, String... args) {
        HyggeCli cli = new HyggeCli();
        cli.out = out;
        cli.err = err;
        cli.plugins = plugins;
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean json = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--json");
            if (e instanceof ProjectConfigException config) {
                err.println("Configuration error" + (config.problems().size() > 1 ? "s" : "") + ":");
                config.problems().forEach(p -> err.println("  " + p));
                if (json) {
                    out.println(RunReport.configError(config.problems()));
                }
                return CONFIG_ERROR;
            }
            if (e instanceof ConfigException config) {
                err.println("Configuration error: " + cli.redact.apply(config.getMessage()));
                if (json) {
                    out.println(RunReport.configError(List.of(new ConfigProblem(new Origin(Path.of(""), 0, 0),
                            cli.redact.apply(config.getMessage())))));
                }
                return CONFIG_ERROR;
            }
            if (e instanceof HyggeException hygge) {
                err.println("Error: " + cli.redact.apply(hygge.getMessage()));
                return FLOW_FAILED;
            }
            err.println("Error: " + cli.redact.apply(String.valueOf(e)));
            if (cli.verbose) {
                e.printStackTrace(err);
            }
            return FLOW_FAILED;
        });
        commandLine.setParameterExceptionHandler((e, a) -> {
            String command = unknownCommand(e);
            if (command != null) {
                String closest = closestCommand(command, e.getCommandLine().getSubcommands().keySet());
                err.println("Unknown command '" + command + "'" + (closest != null ? "; did you mean '" + closest + "'?" : "")
                        + " (commands: " + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + ")");
                return CONFIG_ERROR;
            }
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return CONFIG_ERROR;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The first argument when it names no command ({@code hygge strat}), else null. */
    private static String unknownCommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || e.getCommandLine().getParent() != null
                || e.getCommandLine().getSubcommands().isEmpty() || unmatched.getUnmatched().isEmpty()) {
            return null;
        }
        String first = unmatched.getUnmatched().get(0);
        return first.startsWith("-") ? null : first;               // hygge takes no positional: a word is a command
    }

    /** The command closest to a mistyped one (edit distance, a swap of neighbours one edit), if close enough. */
    static String closestCommand(String word, java.util.Collection<String> commands) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : commands) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The project named by {@code --project}, or found from the working directory upwards. */
    Project loadProject(Plugins plugins) {
        Project loaded = project != null ? Project.load(project, System::getenv, plugins) : Project.discover(Path.of(""), plugins);
        redact = loaded::redact;
        return loaded;
    }

    static String version() {
        try (InputStream in = HyggeCli.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    /** slf4j-simple reads its settings once, before the first logger: warnings only unless --verbose. */
    private static void configureLogging(String[] args) {
        boolean verbose = false;
        for (String arg : args) {
            verbose |= arg.equals("-v") || arg.equals("--verbose");
        }
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", verbose ? "true" : "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
        // the loader logs each deprecation note; every command prints the project's notes itself
        // (validate and debug in their listing, start/go before the run), so the log's copy is off
        setDefault("org.slf4j.simpleLogger.log.dev.hygge.config.Notes", "off");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hygge " + version(), "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vm.name") + ")"};
        }
    }
}
