package dev.hygge.config;

import static java.util.Objects.requireNonNull;

/**
 * One mistake in a project's configuration, with where it was made.
 *
 * <pre>{@code
 * for (ConfigProblem problem : e.problems()) {
 *     System.err.println(problem);   // "hygge.yml:7:5: unknown key 'max_paralel_flows' ... did you mean 'max_parallel_flows'?"
 * }
 * }</pre>
 *
 * @param origin the file and line
 * @param message what is wrong and what to do; never holds a secret
 */
public record ConfigProblem(Origin origin, String message) {
    public ConfigProblem {
        requireNonNull(origin, "origin is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
