package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The engine settings of a flow and of a run, each with its default and its range, written once:
 * the YAML project ({@code options:} of the project, a flow or an entity) and the SDK's builders
 * ({@code Flow.Builder}, {@code RunOptions}) read them from here, so a value one face refuses the
 * other refuses too, in the same words.
 *
 * <pre>{@code
 * FlowLimits.QUEUE_SIZE.defaultValue();       // 8
 * FlowLimits.QUEUE_SIZE.problem(20_000);      // Optional["'queue_size' is 20000, out of range: use a whole number from 0 to 10000"]
 * FlowLimits.lockTimeoutProblem(Duration.ofDays(8));   // Optional["'lock_timeout' is 192h, more than the 7 days it may be"]
 * }</pre>
 *
 * <p>The upper bounds are there to catch a slip of the keyboard (a queue of 100000 batches holds
 * gigabytes; a lock wait of a year is never meant), not to tune anything.
 *
 * @since 0.1
 */
public final class FlowLimits {
    /** Batches a reader may run ahead of the writer, per stream; 0 reads on the writer's thread. */
    public static final Whole QUEUE_SIZE = new Whole("queue_size", 8, 0, 10_000);
    /** Streams of one flow at most; 0 means as many as the machine has cores. */
    public static final Whole PARALLELISM = new Whole("parallelism", 0, 0, 1024);
    /** Flows (entities) of a run running at once. */
    public static final Whole MAX_PARALLEL_FLOWS = new Whole("max_parallel_flows", 4, 1, 1024);
    /** Whether a run goes on after a flow fails ({@code continue_on_error}); by default the first failure cancels the rest. */
    public static final boolean CONTINUE_ON_ERROR = false;
    /** How long a write waits for another writer of its destination ({@code lock_timeout}). */
    public static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);
    /** The longest {@code lock_timeout}. */
    public static final Duration MAX_LOCK_TIMEOUT = Duration.ofDays(7);
    /** Times a flow that failed with a transient fault of its Home or Store is run again ({@code retries}). */
    public static final Whole RETRIES = new Whole("retries", 3, 0, 100);
    /** The wait before the first retry ({@code retry_delay}); it doubles for each retry after, up to {@link #MAX_RETRY_WAIT}. */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    /** The longest wait between two attempts, however many came before; also the largest {@code retry_delay}. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(5);

    private FlowLimits() {}

    /**
     * A whole-number setting: its key as YAML writes it, its default and its range (both ends included).
     *
     * @param key the {@code snake_case} key
     * @param defaultValue the value when none is given
     * @param min the smallest value allowed
     * @param max the largest value allowed
     */
    public record Whole(String key, int defaultValue, int min, int max) {
        public Whole {
            requireNonNull(key, "key is null");
            if (min > max || defaultValue < min || defaultValue > max) {
                throw new IllegalArgumentException(key + ": default " + defaultValue + " outside " + min + ".." + max);
            }
        }

        /** What a value must be: {@code a whole number from 0 to 10000}. */
        public String range() {
            return "a whole number from " + min + " to " + max;
        }

        /** Why {@code value} cannot be used, or empty when it can. */
        public Optional<String> problem(long value) {
            return value < min || value > max
                    ? Optional.of("'" + key + "' is " + value + ", out of range: use " + range())
                    : Optional.empty();
        }
    }

    /** Why {@code lockTimeout} cannot be used, or empty when it can. */
    public static Optional<String> lockTimeoutProblem(Duration lockTimeout) {
        requireNonNull(lockTimeout, "lockTimeout is null");
        if (lockTimeout.isNegative()) {
            return Optional.of("'lock_timeout' is -" + shown(lockTimeout.negated()) + ", negative: use 0s (do not wait) or more");
        }
        if (lockTimeout.compareTo(MAX_LOCK_TIMEOUT) > 0) {
            return Optional.of("'lock_timeout' is " + shown(lockTimeout) + ", more than the " + MAX_LOCK_TIMEOUT.toDays()
                    + " days it may be");
        }
        return Optional.empty();
    }

    /** Why {@code retryDelay} cannot be used, or empty when it can. */
    public static Optional<String> retryDelayProblem(Duration retryDelay) {
        requireNonNull(retryDelay, "retryDelay is null");
        if (retryDelay.isNegative()) {
            return Optional.of("'retry_delay' is -" + shown(retryDelay.negated()) + ", negative: use 0s (retry at once) or more");
        }
        if (retryDelay.compareTo(MAX_RETRY_WAIT) > 0) {
            return Optional.of("'retry_delay' is " + shown(retryDelay) + ", more than the " + shown(MAX_RETRY_WAIT)
                    + " a wait between attempts may be");
        }
        return Optional.empty();
    }

    /** A duration as a user writes it: {@code 10m}, {@code 30s}, {@code 1h30m}, {@code 250ms}. */
    static String shown(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillisPart() != 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) {
            out.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
