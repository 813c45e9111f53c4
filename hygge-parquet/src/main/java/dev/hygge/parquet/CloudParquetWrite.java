package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.storage.ObjectCommit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write of the {@link CloudParquetStore}: the local write into the spool, its files staged in
 * the object store in parallel as each is finished, committed by the {@link ObjectCommit} journal.
 * Fails or aborts leave the remote destination as it was (the staged objects are removed, or, if
 * this process dies, removed by the next write).
 *
 * <p>The spool's disk is bounded: a file is emptied (truncated, so the local commit's renames still
 * find it under its file key) once it is staged, and at most {@link #UPLOADS} finished files wait
 * for or take an upload at once; the encoder waits when uploads lag. So the spool holds at most
 * {@code UPLOADS} finished files plus the file each stream is encoding, whatever the write's size
 * (partitioned writes excepted: their files go up at the commit).
 */
final class CloudParquetWrite implements SupportsEngineWrite.EngineWrite {
    private static final Logger LOG = LoggerFactory.getLogger(CloudParquetWrite.class);
    /** Files uploaded at once (each in parallel blocks or parts of its own). */
    static final int UPLOADS = 4;

    private final StoreWrite local;
    private final ObjectCommit commit;
    private final CloudSpool spool;
    private final Path spoolRoot;
    private final String where;
    /** Uploads of files written whole while the write goes on, at most {@link #UPLOADS} at once. */
    private final ExecutorService early;
    private final List<Future<?>> earlyUploads = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Each file uploaded early, by its file key (kept by the local commit's renames): its staged name and size. */
    private final Map<Object, Sent> uploaded = new java.util.concurrent.ConcurrentHashMap<>();
    /** Finished files not yet uploaded and emptied: what bounds the spool. */
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(UPLOADS);
    /** The first early upload that failed: the writing stops at its next file. */
    private volatile Throwable failed;
    private final java.util.concurrent.atomic.AtomicInteger unnamed = new java.util.concurrent.atomic.AtomicInteger();
    private boolean done;

    CloudParquetWrite(StoreWrite local, ObjectCommit commit, CloudSpool spool, Path spoolRoot, String where) {
        this.local = local;
        this.commit = commit;
        this.spool = spool;
        this.spoolRoot = spoolRoot;
        this.where = where;
        this.early = Executors.newFixedThreadPool(UPLOADS, r -> {
            Thread t = new Thread(r, "hygge-upload " + where);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A staged file the local write finished: uploaded now, under a name of its own, while the next
     * file is written; it gets its final name at the commit. Files on a file system without file
     * keys are uploaded at the commit instead.
     */
    void written(Path file) {
        Object key;
        try {
            key = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (java.io.IOException e) {
            return;                                         // uploaded at the commit
        }
        if (key == null) {
            return;
        }
        try {
            inFlight.acquire();                             // back-pressure: the encoder waits for a free upload
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(where + ": interrupted while waiting for an upload to finish", e);
        }
        if (failed != null) {
            inFlight.release();
            throw new StoreException(where + ": uploading failed: " + failed.getMessage(), failed);
        }
        String name = unnamed.incrementAndGet() + "-" + file.getFileName();
        try {
            earlyUploads.add(early.submit(() -> {
                try {
                    commit.stageUnnamed(file, name);
                    uploaded.put(key, new Sent(name, SpoolFiles.empty(file)));
                } catch (RuntimeException | Error e) {
                    failed = e;
                    throw e;
                } finally {
                    inFlight.release();
                }
                return null;
            }));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            inFlight.release();
            throw new StoreException(where + ": the write was closed while a file was being written", e);
        }
    }

    /** A file staged early: its name under staging and its size before the spool emptied it. */
    private record Sent(String name, long bytes) {}

    @Override
    public long consume(ArrowReader stream) throws Exception {
        return local.consume(stream);
    }

    /** The local write's in-engine load; each file it finishes goes up through {@link #written}. */
    @Override
    public long load(EngineRelation relation, SupportsEngineWrite.Progress progress) throws Exception {
        return engineWrite().load(relation, progress);
    }

    @Override
    public EngineWatermark.Seen load(EngineRelation relation, EngineWatermark watermark, SupportsEngineWrite.Progress progress)
            throws Exception {
        return engineWrite().load(relation, watermark, progress);
    }

    private SupportsEngineWrite.EngineWrite engineWrite() {
        if (local instanceof SupportsEngineWrite.EngineWrite engine) {
            return engine;
        }
        throw new IllegalStateException(where + ": the local write takes no relations");
    }

    @Override
    public void commit() throws Exception {
        commit(Map.of());
    }

    @Override
    public void commit(Map<String, String> state) throws Exception {
        try {
            long start = System.nanoTime();
            awaitEarlyUploads();                            // before the local commit renames their files
            long uploadsDone = System.nanoTime();
            local.commit(state);
            List<String> added = spool.added(uploaded.keySet());
            List<String> removed = spool.removed(added);
            List<String> up = new ArrayList<>();
            long stagedBytes = 0;
            for (String rel : added) {
                Object key = java.nio.file.Files.readAttributes(spool.file(rel),
                        java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                Sent sent = key == null ? null : uploaded.get(key);
                if (sent != null) {
                    commit.bind(sent.name(), rel);
                    stagedBytes += sent.bytes();
                } else {
                    up.add(rel);
                }
            }
            if (spool.stateChanged()) {
                up.add(StateFile.NAME);
            }
            upload(up);
            long staged = System.nanoTime();
            commit.commit(removed);
            LOG.debug("{} - committed {} file(s) ({} bytes staged while writing), replacing {}: {} ms waiting for the last"
                    + " uploads, {} ms staging the rest, {} ms publishing", where, added.size(), stagedBytes, removed.size(),
                    (uploadsDone - start) / 1_000_000, (staged - uploadsDone) / 1_000_000, (System.nanoTime() - staged) / 1_000_000);
        } finally {
            finish();
        }
    }

    private void awaitEarlyUploads() throws Exception {
        List<Future<?>> sent;
        synchronized (earlyUploads) {
            sent = new ArrayList<>(earlyUploads);
        }
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new StoreException(where + ": uploading failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private void upload(List<String> files) throws Exception {
        if (files.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(UPLOADS, files.size())), r -> {
            Thread t = new Thread(r, "hygge-upload " + where);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String rel : files) {
                sent.add(pool.submit(() -> commit.stage(spool.file(rel), rel)));
            }
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    sent.forEach(s -> s.cancel(false));   // those not begun; the running ones end first (awaitRunning)
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new StoreException(where + ": uploading failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            awaitRunning(pool);
        }
    }

    /**
     * Lets the uploads {@code pool} runs end by themselves, at most 60 s, before the cleanup removes what
     * they staged: they are not interrupted, since an SDK's call may return when interrupted while its
     * request goes on and lands after the cleanup (seen on Azurite, about one failed write in ten; the
     * next write would remove it). A write aborted mid-upload so waits for the files in flight.
     */
    private void awaitRunning(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("{} - uploads still running after 60 s; the next write removes what they stage", where);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void abort() {
        try {
            local.abort();
        } finally {
            finish();
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        awaitRunning(early);
        try {
            commit.close();                      // uncommitted: removes what was staged; then the lease goes
        } finally {
            CloudSpool.remove(spoolRoot);
        }
    }

    @Override
    public void close() {
        try {
            local.close();
        } finally {
            finish();
        }
    }


}
