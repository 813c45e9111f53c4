package dev.hygge;

import dev.hygge.polish.Polish;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Names;
import static java.util.Objects.requireNonNull;

import dev.hygge.spi.FlowLimits;
import dev.hygge.spi.Home;
import dev.hygge.spi.RunJournal;
import dev.hygge.spi.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One move of rows from a Home to a Store. Built with {@link Hygge#flow(String)}:
 *
 * <pre>{@code
 * try (Hygge hygge = Hygge.create()) {
 *     FlowResult result = hygge.flow("users")
 *             .from("parquet", Map.of("path", "data/users.parquet"))
 *             .to("parquet", Map.of("path", "lake/users", "compression", "zstd"))
 *             .parallelism(2)
 *             .run();
 * }
 * }</pre>
 *
 * <p>A Home or Store given by type name is created when the flow runs and closed when it ends.
 * A Home or Store given as an object is handed over: the flow closes it when it ends, so such a
 * flow runs once.
 */
public final class Flow {
    private final String name;
    private final Optional<String> entity;
    private final Plugin<Home> home;
    private final Plugin<Store> store;
    private final int parallelism;
    private final int queueSize;
    private final java.time.Duration lockTimeout;
    private final Optional<Incremental> watermark;
    private final RunType runType;
    private final int retries;
    private final java.time.Duration retryDelay;
    private final Optional<RunJournal> journal;
    private final Optional<String> coordinator;
    private final Optional<Polish> polish;
    private final boolean arrowPath;
    private final boolean enginePath;

    private Flow(Builder builder) {
        this.name = builder.name;
        this.entity = Optional.ofNullable(builder.entity);
        this.home = builder.home;
        this.store = builder.store;
        this.parallelism = builder.parallelism;
        this.queueSize = builder.queueSize;
        this.lockTimeout = builder.lockTimeout;
        this.watermark = Optional.ofNullable(builder.watermark);
        this.runType = builder.runType;
        this.retries = builder.retries;
        this.retryDelay = builder.retryDelay;
        this.journal = Optional.ofNullable(builder.journal);
        this.coordinator = Optional.ofNullable(builder.coordinator);
        this.polish = Optional.ofNullable(builder.polish).filter(p -> !p.isEmpty());
        this.arrowPath = builder.arrowPath;
        this.enginePath = builder.enginePath;
    }

    /**
     * Whether rows must move as Arrow batches even when the Home and Store share an engine
     * ({@link Builder#arrowPath}); false lets the engine copy in-engine where it can.
     */
    public boolean arrowPath() {
        return arrowPath;
    }

    /** Whether the in-engine path runs wherever both sides can take it ({@link Builder#enginePath}). */
    public boolean enginePath() {
        return enginePath;
    }

    public String name() {
        return name;
    }

    public Optional<String> entity() {
        return entity;
    }

    /** {@code name} or {@code name/entity}. */
    public String label() {
        return entity.map(e -> name + "/" + e).orElse(name);
    }

    Plugin<Home> home() {
        return home;
    }

    Plugin<Store> store() {
        return store;
    }

    /** Streams at most; 0 means as many as the machine has cores. */
    public int parallelism() {
        return parallelism;
    }

    /** Batches a reader may run ahead of the writer, per stream; 0 reads on the writer's thread. */
    public int queueSize() {
        return queueSize;
    }

    /** How long the write waits for another writer of its destination to finish before failing. */
    public java.time.Duration lockTimeout() {
        return lockTimeout;
    }

    /** The flow's watermark, when it has one (an incremental flow always has). */
    public Optional<Incremental> watermark() {
        return watermark;
    }

    /** How this flow loads: {@link RunType#FULL_DROP} unless {@link Builder#incremental} was called (and not {@link Builder#fullDrop} after). */
    public RunType runType() {
        return runType;
    }

    /** Times the flow is run again after a transient fault of its Home or Store. */
    public int retries() {
        return retries;
    }

    /** The wait before the first retry; it doubles for each one after, up to {@link FlowLimits#MAX_RETRY_WAIT}. */
    public java.time.Duration retryDelay() {
        return retryDelay;
    }

    /** The journal each run of this flow is recorded in, and where an incremental flow finds its watermark when its Store keeps none. */
    public Optional<RunJournal> journal() {
        return journal;
    }

    /** The name the journal records as the run's {@code coordinator} (a project's name). */
    public Optional<String> coordinator() {
        return coordinator;
    }

    /** The polish the Store's rows get on their way from the Home ({@code store: {polish: ...}}), if any. */
    public Optional<Polish> polish() {
        return polish;
    }

    /** A Home or Store: either an object or a type name with options, created at run time. */
    record Plugin<T>(T instance, String type, Map<String, Object> options) {
        static <T> Plugin<T> of(T instance) {
            return new Plugin<>(requireNonNull(instance, "instance is null"), null, Map.of());
        }

        static <T> Plugin<T> of(String type, Map<String, ?> options) {
            requireNonNull(type, "type is null");
            return new Plugin<>(null, type, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    requireNonNull(options, "options is null"))));
        }
    }

    public static Builder builder(String name) {
        return new Builder(null, name);
    }

    /** A mutable builder; {@link #build()} validates and makes an immutable {@link Flow}. */
    public static final class Builder {
        private final Hygge runtime;
        private final String name;
        private String entity;
        private Plugin<Home> home;
        private Plugin<Store> store;
        private int parallelism = FlowLimits.PARALLELISM.defaultValue();
        private int queueSize = FlowLimits.QUEUE_SIZE.defaultValue();
        private java.time.Duration lockTimeout = FlowLimits.LOCK_TIMEOUT;
        private Incremental watermark;
        private RunType runType = RunType.FULL_DROP;
        private int retries = FlowLimits.RETRIES.defaultValue();
        private java.time.Duration retryDelay = FlowLimits.RETRY_DELAY;
        private RunJournal journal;
        private String coordinator;
        private Polish polish;
        private boolean arrowPath = Boolean.getBoolean("hygge.arrow_path");
        private boolean enginePath = Boolean.getBoolean("hygge.engine_path");

        Builder(Hygge runtime, String name) {
            this.runtime = runtime;
            this.name = requireNonNull(name, "name is null");
        }

        public Builder entity(String entity) {
            this.entity = entity;
            return this;
        }

        public Builder from(Home home) {
            this.home = Plugin.of(home);
            return this;
        }

        /** A Home of a discovered type, with options as in YAML ({@code snake_case} keys). */
        public Builder from(String type, Map<String, ?> options) {
            this.home = Plugin.of(type, options);
            return this;
        }

        public Builder to(Store store) {
            this.store = Plugin.of(store);
            return this;
        }

        /** A Store of a discovered type, with options as in YAML ({@code snake_case} keys). */
        public Builder to(String type, Map<String, ?> options) {
            this.store = Plugin.of(type, options);
            return this;
        }

        /** Streams at most, from 0 (as many as the machine has cores, the default) to 1024. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Batches a reader may run ahead of the writer, per stream: from 0 (read on the writer's thread) to 10000; default 8. */
        public Builder queueSize(int queueSize) {
            this.queueSize = queueSize;
            return this;
        }

        /**
         * How long the write waits for another writer of the same destination (another flow, another
         * process) to finish before it fails naming that writer ({@code lock_timeout}); default 10 minutes,
         * at most 7 days.
         */
        public Builder lockTimeout(java.time.Duration lockTimeout) {
            this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout is null");
            return this;
        }

        /**
         * Makes the flow incremental: each run reads only the rows whose {@code spec.column()} is past
         * the last committed watermark (the first run reads everything), and commits the new
         * watermark with the data where the Store keeps state, else records it in the
         * {@link #journal journal}.
         */
        public Builder incremental(Incremental spec) {
            this.watermark = requireNonNull(spec, "spec is null");
            this.runType = RunType.INCREMENTAL;
            return this;
        }

        /**
         * Makes this run read everything ({@code full_drop}, the default). A flow that has a
         * watermark keeps it: the full run commits the greatest value it read, so the next incremental
         * run goes on from there.
         */
        public Builder fullDrop() {
            this.runType = RunType.FULL_DROP;
            return this;
        }

        /** Times a flow failed by a transient fault of its Home or Store is run again, from 0 to 100; default 3. */
        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        /** The wait before the first retry (doubling after each, up to 5 minutes); default 2 seconds. */
        public Builder retryDelay(java.time.Duration retryDelay) {
            this.retryDelay = requireNonNull(retryDelay, "retryDelay is null");
            return this;
        }

        /**
         * Records every run of the flow in {@code journal} (one {@link dev.hygge.spi.JournalEntry} per
         * run, after its commit). The caller keeps the journal and closes it.
         */
        public Builder journal(RunJournal journal) {
            this.journal = requireNonNull(journal, "journal is null");
            return this;
        }

        /** The name journal entries give as {@code coordinator} (a project's name); none by default. */
        public Builder coordinator(String coordinator) {
            this.coordinator = coordinator;
            return this;
        }

        /**
         * Polishes the rows on their way to the Store (renamed columns, hash ids, constants, load
         * timestamps, {@code __rowMarker__}): the Store, its inferred DDL and {@link Hygge#plan} see
         * the polished columns. A polish that does not fit the Home's columns fails the flow before
         * anything is written. The same as YAML's {@code store: {polish: ...}}.
         */
        public Builder polish(Polish polish) {
            this.polish = requireNonNull(polish, "polish is null");
            return this;
        }

        /**
         * Moves the rows as Arrow batches (Home, engine, Store) even when the Home and Store share
         * an engine that could copy them itself (parquet to parquet, parquet to DuckDB: both run on
         * DuckDB). The in-engine copy writes the same files and tables; this is for comparing the
         * two, or for a case where the in-engine copy misbehaves. Also set for every flow of a JVM
         * by {@code -Dhygge.arrow_path=true}. Default false.
         */
        public Builder arrowPath(boolean arrowPath) {
            this.arrowPath = arrowPath;
            return this;
        }

        /**
         * Copies in-engine wherever the Home and Store can, also where the engine keeps the Arrow path as the
         * faster one (CSV/NDJSON: {@code SupportsEngineRelation#readsAreTheCost}): for comparing the
         * two paths. Also set by {@code -Dhygge.engine_path=true}. Default false; {@link #arrowPath} wins.
         *
         * @since 0.7
         */
        public Builder enginePath(boolean enginePath) {
            this.enginePath = enginePath;
            return this;
        }

        /**
         * The flow, once every check passes: its name and entity, its limits and, on a builder from
         * {@link Hygge#flow(String)}, the options of a Home or Store given by type name, bound and
         * checked by their plugins (every problem in one {@link ConfigException}, as
         * {@code hygge validate} reports them). A builder from {@link Flow#builder(String)} knows no
         * plugins: those options are checked when the flow runs, before anything opens.
         */
        public Flow build() {
            if (name.isBlank()) {
                throw new ConfigException("A flow needs a name");
            }
            // names become folders, files and tables of the Store: check them before any of that happens
            Names.problem(name).ifPresent(why -> {
                throw new ConfigException("Flow '" + Names.shown(name) + "': the flow name " + why
                        + "; flow names become file and table names, so use a plain name such as 'orders'");
            });
            if (entity != null) {
                Names.problem(entity).ifPresent(why -> {
                    throw new ConfigException("Flow '" + Names.shown(name) + "': entity '" + Names.shown(entity) + "' " + why
                            + "; entity names become folder and table names, so use a plain name such as 'orders'");
                });
            }
            if (home == null) {
                throw new ConfigException("Flow '" + name + "' has no home: call from(...)");
            }
            if (store == null) {
                throw new ConfigException("Flow '" + name + "' has no store: call to(...)");
            }
            // the ranges a project's options: are checked against, in the same words (FlowLimits)
            List<String> problems = new ArrayList<>();
            FlowLimits.PARALLELISM.problem(parallelism).ifPresent(problems::add);
            FlowLimits.QUEUE_SIZE.problem(queueSize).ifPresent(problems::add);
            FlowLimits.lockTimeoutProblem(lockTimeout).ifPresent(problems::add);
            FlowLimits.RETRIES.problem(retries).ifPresent(problems::add);
            FlowLimits.retryDelayProblem(retryDelay).ifPresent(problems::add);
            if (problems.size() == 1) {
                throw new ConfigException("Flow '" + name + "': " + problems.get(0));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException("Flow '" + name + "' has " + problems.size() + " problems:\n  - "
                        + String.join("\n  - ", problems));
            }
            Flow flow = new Flow(this);
            if (runtime != null) {
                runtime.checkOptions(flow); // a Home or Store given by type name: its factory checks every option now
            }
            return flow;
        }

        /**
         * Builds and runs the flow on the runtime that made this builder.
         *
         * @return the result of a flow that succeeded
         * @throws HyggeException the flow's error when it failed or was cancelled
         */
        public FlowResult run() {
            if (runtime == null) {
                throw new IllegalStateException("This builder has no runtime: use Hygge.flow(name), or build() and Hygge.run(flow)");
            }
            FlowResult result = runtime.run(build());
            if (result.error().isPresent()) {
                throw result.error().get();
            }
            return result;
        }
    }
}
