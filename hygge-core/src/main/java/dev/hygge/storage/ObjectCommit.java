package dev.hygge.storage;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write's files made visible in an object store all at once for hygge, and never half for
 * anyone after a crash that the next run does not repair ({@code docs/object-stores.md}).
 *
 * <pre>{@code
 * try (ObjectCommit commit = ObjectCommit.begin(lake, "orders", runId, holder, Duration.ofMinutes(1))) {
 *     commit.stage(localFile, "orders_00000000000000000003.parquet");     // parallel, any number
 *     commit.commit(List.of("orders_00000000000000000000.parquet"));       // what a replace removes
 * }                                                                       // closing uncommitted removes the staged files
 * }</pre>
 *
 * <p>The protocol: take the destination's {@linkplain ObjectStore#lease lease}
 * ({@code <destination>/_hygge.lock}); finish or remove what dead runs left (below); upload every
 * file under {@code <destination>/_hygge_staging/<run>/} (a folder outside readers skip: hive,
 * Spark and DuckDB's {@code *.parquet} globs ignore {@code _}-prefixed folders); check the lease;
 * write the run's journal ({@link CommitJournal}) with {@code If-None-Match: *} — <b>that write is
 * the commit</b>; then publish each file under its name (a rename where the namespace is
 * hierarchical, else a server-side copy and a delete; {@value #PUBLISHERS} at a time), then remove
 * what a replace replaces, and remove the run's folder, the journal last. A later run (and {@link #recover}) applies a journal it
 * finds to its end and removes run folders without one. A hygge Home reading while a journal is
 * present sees the committed state through {@link #visible}: the journal's new files (from
 * staging where not yet published) and not the files it removes.
 *
 * @since 0.4
 */
public final class ObjectCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectCommit.class);
    /** The folder of a destination holding every run's staged files. */
    public static final String STAGING = "_hygge_staging";
    /** The object a destination's writer lease is held on. */
    public static final String LOCK = "_hygge.lock";
    static final String JOURNAL = "_journal";
    /** Publishing requests (copies, renames, deletes) a commit sends at once. */
    static final int PUBLISHERS = 8;

    private final ObjectStore store;
    private final String destination;
    private final String runFolder;
    private final WriterLease lease;
    private final Map<String, String> staged = new LinkedHashMap<>();
    private boolean committed;
    private boolean closed;

    private ObjectCommit(ObjectStore store, String destination, String runFolder, WriterLease lease) {
        this.store = store;
        this.destination = destination;
        this.runFolder = runFolder;
        this.lease = lease;
    }

    /**
     * Takes the destination's lease (waiting up to {@code wait}), repairs what dead runs left, and
     * opens this run's staging folder.
     *
     * @param destination a key prefix relative to the store's root ({@code ""} for the root itself)
     * @param runId one key segment naming the run
     */
    public static ObjectCommit begin(ObjectStore store, String destination, String runId,
            DestinationLock.Holder holder, Duration wait) {
        requireNonNull(store, "store is null");
        String dest = folder(destination);
        if (ObjectKeys.check(runId).contains("/")) {
            throw new IllegalArgumentException("run id '" + runId + "' must be one key segment");
        }
        WriterLease lease = store.lease(dest + LOCK, holder, wait);
        try {
            recover(store, dest);
            return new ObjectCommit(store, dest, STAGING + "/" + runId + "/", lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Uploads a finished local file into staging, to be published as {@code target} (relative to the
     * destination). Thread-safe: files are staged in parallel while the next is written.
     */
    public void stage(Path file, String target) {
        ObjectKeys.check(target);
        if (target.startsWith(STAGING + "/") || target.equals(LOCK)) {
            throw new IllegalArgumentException("'" + target + "' is hygge's own name in a destination");
        }
        String key = runFolder + target;
        synchronized (this) {
            if (committed || closed) {
                throw new IllegalStateException("the commit of " + where() + " is over");
            }
            if (staged.putIfAbsent(target, key) != null) {
                throw new IllegalArgumentException("'" + target + "' is staged twice in one commit");
            }
        }
        store.upload(file, destination + key, WriteMode.CREATE_NEW);
    }

    /**
     * Uploads a finished local file into staging under {@code name} before its final name is known
     * (a file uploaded while the next is written); {@link #bind} gives it its target before the commit.
     * A staged object never bound is removed with the run's folder. Thread-safe.
     */
    public void stageUnnamed(Path file, String name) {
        ObjectKeys.check(name);
        synchronized (this) {
            if (committed || closed) {
                throw new IllegalStateException("the commit of " + where() + " is over");
            }
        }
        store.upload(file, destination + runFolder + "_unnamed/" + name, WriteMode.CREATE_NEW);
    }

    /** Publishes the object {@link #stageUnnamed staged} as {@code name} under {@code target} (relative to the destination). */
    public synchronized void bind(String name, String target) {
        ObjectKeys.check(target);
        if (target.startsWith(STAGING + "/") || target.equals(LOCK)) {
            throw new IllegalArgumentException("'" + target + "' is hygge's own name in a destination");
        }
        if (staged.putIfAbsent(target, runFolder + "_unnamed/" + ObjectKeys.check(name)) != null) {
            throw new IllegalArgumentException("'" + target + "' is staged twice in one commit");
        }
    }

    /** The targets staged so far, in staging order. */
    public synchronized List<String> staged() {
        return List.copyOf(staged.keySet());
    }

    /**
     * Commits: checks the lease, writes the journal (the commit point), publishes every staged file
     * and removes {@code removes} (keys relative to the destination, a replace's old files).
     *
     * @throws StoreException when the lease was lost or the journal cannot be written (nothing
     *     committed); a failure after the journal leaves a commit the next run completes
     */
    public void commit(Collection<String> removes) {
        CommitJournal journal;
        synchronized (this) {
            if (committed || closed) {
                throw new IllegalStateException("the commit of " + where() + " is over");
            }
            lease.check();
            List<CommitJournal.Move> moves = new ArrayList<>();
            staged.forEach((target, key) -> moves.add(new CommitJournal.Move(key, target)));
            journal = new CommitJournal(moves, List.copyOf(removes));
            store.put(journal.encode(), destination + runFolder + JOURNAL, WriteMode.CREATE_NEW);
            committed = true;
        }
        apply(store, destination, runFolder, journal);
    }

    /** Removes the staged files unless committed, and releases the lease. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        StagedRun.end(store, destination + runFolder, committed, lease);
    }

    /**
     * Completes every commit whose journal a dead run left, and removes the staged files of runs
     * that never committed. Run under the destination's lease.
     */
    public static void recover(ObjectStore store, String destination) {
        String dest = folder(destination);
        for (Map.Entry<String, List<ObjectInfo>> run : runs(store, dest).entrySet()) {
            String runFolder = run.getKey();
            CommitJournal journal = journal(store, dest, runFolder, run.getValue());
            if (journal != null) {
                LOG.info("{} - completing the commit a stopped run left in {}{}", store.describe(), dest, runFolder);
                apply(store, dest, runFolder, journal);
            } else {
                LOG.info("{} - removing the staged files of a run that did not commit: {}{}", store.describe(), dest, runFolder);
                store.deletePrefix(dest + runFolder);
            }
        }
    }

    /**
     * What a hygge Home reads of a destination: the listing of {@code destination} without hygge's
     * own objects, and, where a commit's journal is present (committed, not yet fully published),
     * with that commit's new files (read from staging where not yet published) and without the files
     * it removes. Keys are relative to the store's root, as {@link ObjectStore#list} gives them.
     */
    public static List<ObjectInfo> visible(ObjectStore store, String destination) {
        String dest = folder(destination);
        List<ObjectInfo> all = store.list(dest);
        Map<String, ObjectInfo> byKey = new TreeMap<>();
        for (ObjectInfo o : all) {
            String rel = o.key().substring(dest.length());
            if (!rel.startsWith(STAGING + "/") && !rel.equals(LOCK)) {
                byKey.put(o.key(), o);
            }
        }
        Map<String, ObjectInfo> stagedByKey = new TreeMap<>();
        all.forEach(o -> stagedByKey.put(o.key(), o));
        for (Map.Entry<String, List<ObjectInfo>> run : runs(store, dest, all).entrySet()) {
            CommitJournal journal = journal(store, dest, run.getKey(), run.getValue());
            if (journal == null) {
                continue;
            }
            journal.deletes().forEach(d -> byKey.remove(dest + d));
            for (CommitJournal.Move m : journal.moves()) {
                ObjectInfo pending = stagedByKey.get(dest + m.staged());
                if (pending != null) {
                    byKey.put(dest + m.target(), pending);      // read from staging under its final place
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    private static void apply(ObjectStore store, String dest, String runFolder, CommitJournal journal) {
        for (CommitJournal.Move m : journal.moves()) {
            // Each file is staged or already published; neither means its data is gone (a writer that lost
            // its lease wrote a journal after the new holder removed its files): apply nothing, remove nothing.
            if (store.stat(dest + m.staged()).isEmpty() && store.stat(dest + m.target()).isEmpty()) {
                throw new StoreException(store.describe() + "/" + dest + runFolder + JOURNAL + " commits "
                        + m.target() + ", but neither it nor its staged file " + m.staged() + " exists: the journal"
                        + " is not applied and nothing it would remove is removed; move the run's folder aside");
            }
        }
        // every publish before any delete: a reader outside hygge may see old and new files together, never neither
        inParallel(store, journal.moves(), m -> {
            String from = dest + m.staged();
            String to = dest + m.target();
            if (store.stat(from).isEmpty()) {
                return;                                          // published by the run that stopped
            }
            if (store.atomicRename()) {
                store.delete(to);
                store.rename(from, to);
            } else {
                store.copy(from, to);
                store.delete(from);
            }
        });
        inParallel(store, journal.deletes(), d -> store.delete(dest + d));
        Set<String> keep = new HashSet<>(Set.of(dest + runFolder + JOURNAL));
        for (ObjectInfo o : store.list(dest + runFolder)) {
            if (!keep.contains(o.key())) {
                store.delete(o.key());
            }
        }
        store.delete(dest + runFolder + JOURNAL);               // last: the commit is complete
        store.deletePrefix(dest + runFolder);
    }

    /**
     * Runs {@code step} for every item, {@link #PUBLISHERS} at a time (each is a request to the store,
     * a server-side copy on a flat one), and returns once all have ended; throws the first failure.
     * Every step can be repeated, so a failure leaves a commit the next run completes.
     */
    private static <T> void inParallel(ObjectStore store, List<T> items, java.util.function.Consumer<T> step) {
        if (items.size() < 2) {
            items.forEach(step);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(PUBLISHERS, items.size()), r -> {
                    Thread t = new Thread(r, "hygge-publish " + store.describe());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> steps = new ArrayList<>();
            items.forEach(item -> steps.add(pool.submit(() -> step.accept(item))));
            RuntimeException first = null;
            for (java.util.concurrent.Future<?> f : steps) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r
                                : new StoreException(store.describe() + ": publishing a commit failed: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(store.describe() + ": interrupted while publishing a commit; the next run"
                            + " completes it", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, List<ObjectInfo>> runs(ObjectStore store, String dest) {
        return runs(store, dest, store.list(dest + STAGING + "/"));
    }

    /** Staged objects by run folder ({@code _hygge_staging/<run>/}, relative to the destination). */
    private static Map<String, List<ObjectInfo>> runs(ObjectStore store, String dest, List<ObjectInfo> listing) {
        Map<String, List<ObjectInfo>> runs = new TreeMap<>();
        String root = dest + STAGING + "/";
        for (ObjectInfo o : listing) {
            if (o.key().startsWith(root)) {
                int slash = o.key().indexOf('/', root.length());
                if (slash > 0) {
                    runs.computeIfAbsent(o.key().substring(dest.length(), slash + 1), k -> new ArrayList<>()).add(o);
                }
            }
        }
        return runs;
    }

    private static CommitJournal journal(ObjectStore store, String dest, String runFolder, List<ObjectInfo> objects) {
        String key = dest + runFolder + JOURNAL;
        if (objects.stream().noneMatch(o -> o.key().equals(key))) {
            return null;
        }
        try (InputStream in = store.open(key)) {
            return CommitJournal.decode(in.readAllBytes(), store.describe() + "/" + key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + store.describe() + "/" + key, e);
        }
    }

    private String where() {
        return store.describe() + "/" + destination;
    }

    private static String folder(String destination) {
        ObjectKeys.checkPrefix(destination);
        return destination.isEmpty() || destination.endsWith("/") ? destination : destination + "/";
    }
}
