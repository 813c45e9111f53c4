package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
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
 * One write of the {@link CloudParquetStore}: the local write into the spool, then its files staged
 * in the object store in parallel and committed by the {@link ObjectCommit} journal. Fails or
 * aborts leave the remote destination as it was (the staged objects are removed, or, if this
 * process dies, removed by the next write).
 */
final class CloudParquetWrite implements StoreWrite {
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
    /** Each file uploaded early, by its file key (kept by the local commit's renames), to its staged name. */
    private final Map<Object, String> uploaded = new java.util.concurrent.ConcurrentHashMap<>();
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
        String name = unnamed.incrementAndGet() + "-" + file.getFileName();
        earlyUploads.add(early.submit(() -> {
            commit.stageUnnamed(file, name);
            uploaded.put(key, name);
        }));
    }

    @Override
    public long consume(ArrowReader stream) throws Exception {
        return local.consume(stream);
    }

    @Override
    public void commit() throws Exception {
        commit(Map.of());
    }

    @Override
    public void commit(Map<String, String> state) throws Exception {
        try {
            awaitEarlyUploads();                            // before the local commit renames their files
            local.commit(state);
            List<String> added = spool.added();
            List<String> removed = spool.removed(added);
            List<String> up = new ArrayList<>();
            for (String rel : added) {
                Object key = java.nio.file.Files.readAttributes(spool.file(rel),
                        java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                String name = key == null ? null : uploaded.get(key);
                if (name != null) {
                    commit.bind(name, rel);
                } else {
                    up.add(rel);
                }
            }
            if (spool.stateChanged()) {
                up.add(StateFile.NAME);
            }
            upload(up);
            commit.commit(removed);
            LOG.debug("{} - committed {} file(s), replacing {}", where, added.size(), removed.size());
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
                    sent.forEach(s -> s.cancel(true));
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new StoreException(where + ": uploading failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
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
        early.shutdownNow();
        try {
            // an upload still running would stage after the cleanup below: let it end first
            if (!early.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("{} - uploads still running after 60 s; the next write removes what they stage", where);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
