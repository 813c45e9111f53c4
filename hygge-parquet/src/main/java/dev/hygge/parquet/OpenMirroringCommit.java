package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import dev.hygge.storage.StagedRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write's files published into a mirrored table's landing-zone folder only complete and only at
 * the commit, and a commit a killed run left completed by the next ({@code hygge-parquet/README.md},
 * "Fabric Open Mirroring"). Like core's {@link dev.hygge.storage.ObjectCommit}, but staged outside the
 * table's folder (Open Mirroring picks up files by name, and a full load deletes that folder) and with
 * the full load's order: delete the folder, wait, then move the files in.
 *
 * <pre>{@code
 * try (OpenMirroringCommit commit = OpenMirroringCommit.begin(files, table, runId, holder, wait, Sleeper.REAL)) {
 *     String staged = commit.stage(localFile, "part-0.parquet");
 *     commit.commit(new OpenMirroringJournal(Optional.empty(), 0, List.of(new Move(staged, target))));
 * }                                             // closing uncommitted removes the staged files
 * }</pre>
 *
 * <p>The protocol: take the table's {@linkplain ObjectStore#lease lease} on
 * {@code _hygge_mirroring/<table>/_hygge.lock}; apply to its end every journal a dead run left there and
 * remove the run folders without one; upload every file to {@code _hygge_mirroring/<table>/<run>/}; check
 * the lease; write the run's {@link OpenMirroringJournal} with {@code If-None-Match: *} — <b>that write is
 * the commit</b>; then (a full load) delete the table's folder and wait; then publish each file under its
 * landing-zone name, in order (a rename where the store renames atomically, else a server-side copy and a
 * delete), and remove the run's folder, the journal last. A repair that finds a journal whose files were
 * not yet moved repeats the delete and the wait; once one was moved it does neither again.
 */
final class OpenMirroringCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenMirroringCommit.class);
    static final String JOURNAL = "_journal";

    /** How a full load waits for Fabric to drop the table; tests pass one that records instead. */
    interface Sleeper {
        Sleeper REAL = millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for Open Mirroring to drop the table; the next write completes"
                        + " the commit", e);
            }
        };

        void sleep(long millis);
    }

    private final ObjectStore store;
    private final OpenMirroringTable table;
    private final String runFolder;
    private final WriterLease lease;
    private final Sleeper sleeper;
    private boolean committed;
    private boolean closed;

    private OpenMirroringCommit(ObjectStore store, OpenMirroringTable table, String runFolder, WriterLease lease, Sleeper sleeper) {
        this.store = store;
        this.table = table;
        this.runFolder = runFolder;
        this.lease = lease;
        this.sleeper = sleeper;
    }

    /** Takes the table's lease (waiting up to {@code wait}), repairs what dead runs left, and opens this run's staging folder. */
    static OpenMirroringCommit begin(ObjectStore store, OpenMirroringTable table, String runId, DestinationLock.Holder holder,
            Duration wait, Sleeper sleeper) {
        requireNonNull(store, "store is null");
        requireNonNull(sleeper, "sleeper is null");
        if (ObjectKeys.check(runId).contains("/")) {
            throw new IllegalArgumentException("run id '" + runId + "' must be one key segment");
        }
        WriterLease lease = store.lease(table.own() + OpenMirroringTable.LOCK, holder, wait);
        try {
            recover(store, table, sleeper);
            return new OpenMirroringCommit(store, table, table.own() + runId + "/", lease, sleeper);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Uploads a finished local file into this run's folder as {@code name}; returns its key. */
    String stage(Path file, String name) {
        String key = stagedKey(name);
        store.upload(file, key, WriteMode.CREATE_NEW);
        return key;
    }

    /** Writes a small staged object (the table's {@code _metadata.json}); returns its key. */
    String stage(byte[] content, String name) {
        String key = stagedKey(name);
        store.put(content, key, WriteMode.CREATE_NEW);
        return key;
    }

    private synchronized String stagedKey(String name) {
        if (committed || closed) {
            throw new IllegalStateException("the commit of " + where() + " is over");
        }
        if (ObjectKeys.check(name).contains("/") || name.equals(JOURNAL)) {
            throw new IllegalArgumentException("'" + name + "' is not a staged file's name");
        }
        return runFolder + name;
    }

    /**
     * Commits: checks the lease, writes the journal (the commit point) and applies it.
     *
     * @throws StoreException when the lease was lost or the journal cannot be written (nothing committed); a
     *     failure after the journal leaves a commit the next write completes
     */
    void commit(OpenMirroringJournal journal) {
        synchronized (this) {
            if (committed || closed) {
                throw new IllegalStateException("the commit of " + where() + " is over");
            }
            lease.check();
            store.put(journal.encode(), runFolder + JOURNAL, WriteMode.CREATE_NEW);
            committed = true;
        }
        apply(store, table, runFolder, journal, sleeper);
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
        StagedRun.end(store, runFolder, committed, lease);
    }

    /** Completes every commit a dead run left for the table and removes the staged files of runs that never committed. */
    static void recover(ObjectStore store, OpenMirroringTable table, Sleeper sleeper) {
        Map<String, List<ObjectInfo>> runs = new TreeMap<>();
        for (ObjectInfo o : store.list(table.own())) {
            int slash = o.key().indexOf('/', table.own().length());
            if (slash > 0) {
                runs.computeIfAbsent(o.key().substring(0, slash + 1), k -> new ArrayList<>()).add(o);
            }
        }
        for (Map.Entry<String, List<ObjectInfo>> run : runs.entrySet()) {
            String key = run.getKey() + JOURNAL;
            if (run.getValue().stream().anyMatch(o -> o.key().equals(key))) {
                LOG.info("{} - completing the commit a stopped run left for table {}: {}", store.describe(), table.label(), run.getKey());
                apply(store, table, run.getKey(), read(store, key), sleeper);
            } else {
                LOG.info("{} - removing the staged files of a run that did not commit: {}", store.describe(), run.getKey());
                store.deletePrefix(run.getKey());
            }
        }
    }

    private static OpenMirroringJournal read(ObjectStore store, String key) {
        try (InputStream in = store.open(key)) {
            return OpenMirroringJournal.decode(in.readAllBytes(), store.describe() + "/" + key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + store.describe() + "/" + key, e);
        }
    }

    private static void apply(ObjectStore store, OpenMirroringTable table, String runFolder, OpenMirroringJournal journal,
            Sleeper sleeper) {
        boolean started = false;
        for (OpenMirroringJournal.Move m : journal.moves()) {
            boolean staged = store.stat(m.staged()).isPresent();
            if (!staged && store.stat(m.target()).isEmpty()) {
                throw new StoreException(store.describe() + "/" + runFolder + JOURNAL + " commits " + m.target() + ", but neither it"
                        + " nor its staged file " + m.staged() + " exists: the journal is not applied; move the run's folder aside");
            }
            started |= !staged;
        }
        if (journal.drop().isPresent() && !started) {
            LOG.info("{} - full load of table {}: deleting {} and waiting {} s for Open Mirroring to drop the table",
                    store.describe(), table.label(), journal.drop().get(), journal.waitMillis() / 1000.0);
            store.deletePrefix(journal.drop().get());
            if (journal.waitMillis() > 0) {
                sleeper.sleep(journal.waitMillis());
            }
        }
        for (OpenMirroringJournal.Move m : journal.moves()) {
            if (store.stat(m.staged()).isEmpty()) {
                continue;                                        // published by the run that stopped
            }
            if (store.atomicRename()) {
                store.delete(m.target());
                store.rename(m.staged(), m.target());
            } else {
                store.copy(m.staged(), m.target());
                store.delete(m.staged());
            }
        }
        for (ObjectInfo o : store.list(runFolder)) {
            if (!o.key().equals(runFolder + JOURNAL)) {
                store.delete(o.key());
            }
        }
        store.delete(runFolder + JOURNAL);                       // last: the commit is complete
        store.deletePrefix(runFolder);
    }

    private String where() {
        return store.describe() + "/" + table.landing();
    }
}
