package dev.hygge.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a factory reports what is wrong with bound options, each problem with the option key it is
 * about, so that a project can point at the line of that key. A factory reports every problem it
 * finds rather than stopping at the first.
 *
 * <pre>{@code
 * public void validate(MyStoreOptions options, OptionProblems problems) {
 *     if (options.batchSize < 1) {
 *         problems.add("batch_size", "batch_size must be at least 1, not " + options.batchSize);
 *     }
 *     options.inference.check(problems.under("schema_inference"));   // keys become schema_inference.*
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class OptionProblems {
    /**
     * One problem.
     *
     * @param key the option key in YAML spelling, dotted for nested ones ({@code schema_inference.sample_rows},
     *     {@code schema_overrides.email}); empty when it is about the options as a whole
     * @param message what is wrong and what to do, naming the key; never holds a secret
     */
    public record Problem(String key, String message) {}

    private final List<Problem> problems;
    private final String prefix;

    public OptionProblems() {
        this(new ArrayList<>(), "");
    }

    private OptionProblems(List<Problem> problems, String prefix) {
        this.problems = problems;
        this.prefix = prefix;
    }

    /** Records a problem with the option {@code key} (relative to this view, see {@link #under}). */
    public OptionProblems add(String key, String message) {
        String full = prefix.isEmpty() ? key : key.isEmpty() ? prefix : prefix + "." + key;
        problems.add(new Problem(full, message));
        return this;
    }

    /** A view whose keys are nested under {@code key}; problems land in this same list. */
    public OptionProblems under(String key) {
        return new OptionProblems(problems, prefix.isEmpty() ? key : prefix + "." + key);
    }

    /** Every problem so far, in the order reported. */
    public List<Problem> list() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Throws one {@link ConfigException} listing every problem, each after {@code where}; returns
     * when there is none.
     */
    public void throwIfAny(String where) {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new ConfigException(where + ": " + problems.get(0).message());
        }
        throw new ConfigException(where + " has " + problems.size() + " problems:" + problems.stream()
                .map(p -> "\n  - " + p.message()).collect(Collectors.joining()));
    }
}
