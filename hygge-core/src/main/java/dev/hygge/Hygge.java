package dev.hygge;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Options;
import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Connection;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hygge runtime: owns the Arrow allocator, the plugins, the run's named connections and the
 * threads flows run on. One instance is one run: connections are opened on first use and closed
 * by {@link #close()}.
 *
 * <pre>{@code
 * try (Hygge hygge = Hygge.create()) {
 *     FlowResult users = hygge.flow("users")
 *             .from("parquet", Map.of("path", "landing/users.parquet"))
 *             .to("parquet", Map.of("path", "lake/users"))
 *             .run();
 * }
 * }</pre>
 */
public final class Hygge implements AutoCloseable {
    /** The JVM flag Arrow needs on Java 17+. */
    public static final String ARROW_JVM_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private final Plugins plugins;
    private final BufferAllocator allocator;
    private final FlowListener listener;
    private final RunConnections connections;
    private final ExecutorService executor;
    private final String runId;
    private final AtomicLong flowCounter = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Context context = new Context();

    private Hygge(Builder builder) {
        checkJvmFlags();
        Warmup.start();          // first: before SLF4J starts (Arrow's allocator below starts it), which scans every jar of the class path
        this.plugins = builder.plugins != null ? builder.plugins : Plugins.discover();
        this.allocator = new RootAllocator(builder.memoryLimit);
        List<FlowListener> listeners = new ArrayList<>(builder.listeners);
        if (builder.progressInterval != null) {
            listeners.add(0, new LoggingFlowListener(builder.progressInterval));
        }
        this.listener = CompositeFlowListener.of(listeners);
        this.connections = new RunConnections(plugins, builder.connections);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000) | 0x1000000).substring(1);
    }

    /** A runtime with every plugin on the class path and progress logged every 5 seconds. */
    public static Hygge create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fails fast when the JVM lacks the flag Arrow needs, naming it (rather than letting Arrow
     * fail later with an obscure reflection error).
     */
    public static void checkJvmFlags() {
        if (!ByteBuffer.class.getModule().isOpen("java.nio", Hygge.class.getModule())) {
            throw new HyggeException("Apache Arrow needs the JVM flag " + ARROW_JVM_FLAG
                    + ": add it to the java command line (or to JDK_JAVA_OPTIONS)");
        }
    }

    /** Starts building a flow that runs on this runtime. */
    public Flow.Builder flow(String name) {
        return new Flow.Builder(this, name);
    }

    /** Runs one flow to its end. Never throws for the flow's own failure: see {@link FlowResult#status()}. */
    public FlowResult run(Flow flow) {
        return newExecution(flow).run();
    }

    /** Starts one flow on a runtime thread; the handle can cancel it. */
    public FlowHandle start(Flow flow) {
        FlowExecution execution = newExecution(flow);
        return new FlowHandle(execution, executor.submit(execution::run));
    }

    /**
     * What running {@code flow} would do, without running it: the Home and its splits, the schema
     * the Store would be given, and the Store's plan where it makes one (a table Store: the columns,
     * their types and why, and the DDL; {@link FlowPlan#write()}). Reads the first split's schema
     * and the sample the Store asks for, as a run does; writes nothing and takes no lock.
     *
     * <pre>{@code
     * FlowPlan plan = hygge.plan(hygge.flow("orders").from(home).to("duckdb", options).build());
     * System.out.println(plan.describe());
     * }</pre>
     *
     * @throws ConfigException for the flow's option problems, all at once
     * @throws HyggeException when the Home cannot be read or the Store cannot plan (a table that
     *     cannot take the rows, an unreadable database)
     */
    public FlowPlan plan(Flow flow) {
        checkOpen();
        return new FlowPlanner(flowRuntime, plugins, runId).plan(requireNonNull(flow, "flow is null"));
    }

    /** Runs many flows through the coordinator. */
    public RunResult run(List<Flow> flows, RunOptions options) {
        return new Coordinator(this, options).run(flows);
    }

    /**
     * Runs every flow of a YAML project through the coordinator with the project's
     * {@code max_parallel_flows} and {@code continue_on_error}. The project's connections join
     * this runtime's (a connection the runtime already defines under that name wins); each flow is
     * recorded in its journal ({@link ProjectJournals}).
     *
     * <pre>{@code
     * try (Hygge hygge = Hygge.create()) {
     *     RunResult result = hygge.run(Project.load(Path.of("hygge.yml")));
     * }
     * }</pre>
     *
     * @throws ConfigException listing every problem of the project, each with its file and line
     */
    public RunResult run(dev.hygge.config.Project project) {
        requireNonNull(project, "project is null");
        try (ProjectJournals journals = ProjectJournals.discover()) {
            List<Flow> flows = ProjectFlows.flows(project, project.flows(), plugins, journals);
            project.connections().forEach(c -> connections.defineIfAbsent(c.name(),
                    new RunConnections.Spec(c.spec().type(), c.spec().options())));
            return run(flows, ProjectFlows.runOptions(project));
        }
    }

    FlowExecution newExecution(Flow flow) {
        checkOpen();
        return new FlowExecution(flowRuntime, requireNonNull(flow, "flow is null"), runId + "-" + flowCounter.incrementAndGet());
    }

    /** What each flow gets from this runtime: its memory, threads, listener and plugins, not the whole runtime. */
    private final FlowRuntime flowRuntime = new FlowRuntime() {
        @Override
        public BufferAllocator allocator() {
            return allocator;
        }

        @Override
        public FlowListener listener() {
            return listener;
        }

        @Override
        public java.util.concurrent.Executor executor() {
            return executor;
        }

        @Override
        public void checkOptions(Flow flow) {
            Hygge.this.checkOptions(flow);
        }

        @Override
        public Home createHome(Flow flow) {
            return Hygge.this.createHome(flow);
        }

        @Override
        public Store createStore(Flow flow) {
            return Hygge.this.createStore(flow);
        }

        @Override
        public Home createHome(Flow flow, java.util.function.Consumer<String> warnings) {
            return Hygge.this.createHome(flow, new FlowContext(context, flow.label(), warnings));
        }

        @Override
        public Store createStore(Flow flow, java.util.function.Consumer<String> warnings) {
            return Hygge.this.createStore(flow, new FlowContext(context, flow.label(), warnings));
        }
    };

    /** This run's identifier (UTC start time and a random suffix). */
    public String runId() {
        return runId;
    }

    public Plugins plugins() {
        return plugins;
    }

    /** The context plugins are created with. */
    public HyggeContext context() {
        return context;
    }

    ExecutorService executor() {
        return executor;
    }

    /** Every option problem of the flow's Home and Store given by type name, before either opens: see {@link FlowOptions}. */
    void checkOptions(Flow flow) {
        FlowOptions.check(plugins, flow);
    }

    Home createHome(Flow flow) {
        return createHome(flow, context);
    }

    Store createStore(Flow flow) {
        return createStore(flow, context);
    }

    private Home createHome(Flow flow, HyggeContext with) {
        Flow.Plugin<Home> home = flow.home();
        if (home.instance() != null) {
            return home.instance();
        }
        return createHome(plugins.home(home.type()), home.options(), "Home '" + home.type() + "' of flow " + flow.label(), with);
    }

    private Store createStore(Flow flow, HyggeContext with) {
        Flow.Plugin<Store> store = flow.store();
        if (store.instance() != null) {
            return store.instance();
        }
        return createStore(plugins.store(store.type()), store.options(), "Store '" + store.type() + "' of flow " + flow.label(),
                with);
    }

    private static <O> Home createHome(HomeFactory<O> factory, Map<String, Object> options, String where, HyggeContext with) {
        return factory.create(Options.bind(options, factory.optionsType(), where), with);
    }

    private static <O> Store createStore(StoreFactory<O> factory, Map<String, Object> options, String where,
                                         HyggeContext with) {
        return factory.create(Options.bind(options, factory.optionsType(), where), with);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This Hygge runtime is closed");
        }
    }

    /** Closes the run's connections, stops its threads and closes the allocator; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connections.closeAll();
        executor.shutdownNow();
        boolean interrupted = false;
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            allocator.close();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Hygge.class).warn("Arrow memory still held when the runtime closed: {}", e.getMessage());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hygge-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class Context implements HyggeContext {
        @Override
        public BufferAllocator allocator() {
            return allocator;
        }

        @Override
        public <C extends Connection> C connection(String name, Class<C> type) {
            checkOpen();
            return connections.get(name, type, this);
        }

        @Override
        public FlowListener listener() {
            return listener;
        }

        @Override
        public Logger logger(Class<?> type) {
            return LoggerFactory.getLogger(type);
        }
    }

    /** A mutable builder; {@link #build()} makes the runtime. */
    public static final class Builder {
        private Plugins plugins;
        private final List<FlowListener> listeners = new ArrayList<>();
        private final Map<String, RunConnections.Spec> connections = new LinkedHashMap<>();
        private Duration progressInterval = Duration.ofSeconds(5);
        private long memoryLimit = Long.MAX_VALUE;

        private Builder() {}

        /** The factories to use instead of discovering them. */
        public Builder plugins(Plugins plugins) {
            this.plugins = requireNonNull(plugins, "plugins is null");
            return this;
        }

        public Builder listener(FlowListener listener) {
            listeners.add(requireNonNull(listener, "listener is null"));
            return this;
        }

        /** How often the default listener logs progress; null turns it off. */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        /** A named connection, opened on first use by a Home or Store that names it. */
        public Builder connection(String name, String type, Map<String, ?> options) {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            if (connections.putIfAbsent(name, new RunConnections.Spec(type, Map.copyOf(options))) != null) {
                throw new ConfigException("Connection '" + name + "' is defined twice");
            }
            return this;
        }

        /** Arrow memory all flows together may hold; unlimited by default. */
        public Builder memoryLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("memory limit must be positive: " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        public Hygge build() {
            return new Hygge(this);
        }
    }
}
