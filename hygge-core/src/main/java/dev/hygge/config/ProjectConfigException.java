package dev.hygge.config;

import dev.hygge.spi.ConfigException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mistakes found in a project's files, each with its file and line. The message lists them
 * all, one per line, so a user fixes everything in one pass.
 *
 * <pre>{@code
 * try {
 *     Project.load(Path.of("hygge.yml")).validate(Plugins.discover());
 * } catch (ProjectConfigException e) {
 *     e.problems().forEach(p -> System.err.println(p));
 * }
 * }</pre>
 */
public final class ProjectConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ProjectConfigException(List<ConfigProblem> problems) {
        this(problems, null);
    }

    public ProjectConfigException(List<ConfigProblem> problems, Throwable cause) {
        super(message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in the project's configuration:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
