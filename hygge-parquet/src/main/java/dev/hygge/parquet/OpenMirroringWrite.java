package dev.hygge.parquet;

import dev.hygge.spi.ObjectExistsException;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteMode;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write of the {@link OpenMirroringStore}: each stream, with {@code __rowMarker__} added last
 * ({@link OpenMirroringRows}), is encoded by the local parquet Store into the spool folder; the commit
 * stages the spool's files (four uploads at a time), names them from what the table's folder holds under
 * the table's lease, and commits them with {@link OpenMirroringCommit}.
 */
final class OpenMirroringWrite implements StoreWrite {
    private static final Logger LOG = LoggerFactory.getLogger(OpenMirroringWrite.class);
    private static final int UPLOADS = 4;

    private final OpenMirroringStoreOptions options;
    private final ObjectStore files;
    private final OpenMirroringTable table;
    private final OpenMirroringCommit commit;
    private final StoreWrite local;
    private final Path spool;
    private final OpenMirroringRows.RowMarker marker;
    private final boolean incremental;
    private final String where;
    private final BufferAllocator allocator;
    private final String runId;
    private final AtomicLong rows = new AtomicLong();
    private boolean done;

    OpenMirroringWrite(OpenMirroringStoreOptions options, ObjectStore files, OpenMirroringTable table, OpenMirroringCommit commit,
            StoreWrite local, Path spool, OpenMirroringRows.RowMarker marker, boolean incremental, String where, String runId,
            BufferAllocator parent) {
        this.runId = runId;
        this.options = options;
        this.files = files;
        this.table = table;
        this.commit = commit;
        this.local = local;
        this.spool = spool;
        this.marker = marker;
        this.incremental = incremental;
        this.where = where;
        this.allocator = parent.newChildAllocator("open mirroring " + table.label(), 0, Long.MAX_VALUE);
    }

    @Override
    public long consume(ArrowReader stream) throws Exception {
        try (ArrowReader rows = new OpenMirroringRows(allocator, stream, marker, where)) {
            long written = local.consume(rows);
            this.rows.addAndGet(written);
            return written;
        }
    }

    @Override
    public void commit() throws Exception {
        commit(Map.of());
    }

    /**
     * Commits the files and, with them, {@code state} (the watermark): a full load's replaces the table's
     * state, an incremental run's is added to it.
     */
    @Override
    public void commit(Map<String, String> state) throws Exception {
        if (done) {
            throw new IllegalStateException("the write of " + where + " is over");
        }
        try {
            local.commit();
            // an incremental run that found nothing new lands no file (a full load lands its empty file: the table, recreated)
            List<Path> encoded = incremental && rows.get() == 0 ? List.of() : ParquetStore.dataFiles(spool);
            List<String> staged = stageAll(encoded);
            List<ObjectInfo> there = files.list(table.landing());
            boolean full = !incremental;
            List<OpenMirroringJournal.Move> moves = new ArrayList<>();
            String metadataKey = table.landing() + OpenMirroringTable.METADATA;
            if (full || there.stream().noneMatch(o -> o.key().equals(metadataKey))) {
                byte[] metadata = OpenMirroringFiles.metadata(options.keyColumns, detection(),
                        marker.column().isEmpty() && marker.constant().getAsInt() == 4);
                moves.add(new OpenMirroringJournal.Move(commit.stage(metadata, OpenMirroringTable.METADATA), metadataKey));
            }
            long next = full ? options.startingSequence
                    : Math.max(OpenMirroringFiles.highest(there, detection()).orElse(0L), options.startingSequence - 1) + 1;
            Instant now = Instant.now();
            for (String key : staged) {
                moves.add(new OpenMirroringJournal.Move(key, table.landing() + OpenMirroringFiles.name(detection(), next++, now)));
            }
            stageState(state).ifPresent(moves::add);
            partnerEvents();
            Optional<String> drop = full && !there.isEmpty() ? Optional.of(table.landing()) : Optional.empty();
            long wait = Math.round(options.folderDeletionWaitSeconds * 1000);
            commit.commit(new OpenMirroringJournal(drop, drop.isPresent() ? wait : 0, moves));
            LOG.info("{} - committed {} file(s){}", where, staged.size(), drop.isPresent() ? " after dropping the table's folder" : "");
        } finally {
            finish();
        }
    }

    /** Stages the table's next state file when this commit changes it. */
    private Optional<OpenMirroringJournal.Move> stageState(Map<String, String> state) throws Exception {
        String key = table.own() + OpenMirroringFiles.STATE;
        Map<String, String> values = new TreeMap<>();
        boolean there = files.stat(key).isPresent();
        if (incremental && there) {
            try (InputStream in = files.open(key)) {
                values.putAll(OpenMirroringFiles.state(in.readAllBytes(), files.describe() + "/" + key));
            }
        }
        if (state.isEmpty() && (incremental || !there)) {
            return Optional.empty();
        }
        values.putAll(state);
        byte[] content = OpenMirroringFiles.state(values, runId, Instant.now());
        return Optional.of(new OpenMirroringJournal.Move(commit.stage(content, OpenMirroringFiles.STATE), key));
    }

    private OpenMirroringFiles.Detection detection() {
        return OpenMirroringFiles.Detection.named(options.fileDetection).orElseThrow();
    }

    /** Uploads the spool's files into the run's staging folder, in parallel; returns their keys in the files' order. */
    private List<String> stageAll(List<Path> encoded) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(UPLOADS, encoded.size())), r -> {
            Thread t = new Thread(r, "hygge-mirror-upload");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < encoded.size(); i++) {
                Path file = encoded.get(i);
                String name = String.format(java.util.Locale.ROOT, "part-%06d.parquet", i);
                uploads.add(pool.submit(() -> commit.stage(file, name)));
            }
            List<String> keys = new ArrayList<>();
            for (Future<String> upload : uploads) {
                try {
                    keys.add(upload.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
            return keys;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes the landing zone's {@code _partnerEvents.json} when {@code partner_name} is given and none is there. */
    private void partnerEvents() {
        if (options.partnerName == null || options.partnerName.isBlank() || files.stat(OpenMirroringTable.PARTNER_EVENTS).isPresent()) {
            return;
        }
        try {
            files.put(OpenMirroringFiles.partnerEvents(options.partnerName, options.sourceType, options.sourceVersion),
                    OpenMirroringTable.PARTNER_EVENTS, WriteMode.CREATE_NEW);
        } catch (ObjectExistsException e) {
            // another table's writer wrote it first
        }
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        try {
            local.abort();
        } finally {
            finish();
        }
    }

    private void finish() {
        done = true;
        try {
            commit.close();
        } finally {
            try {
                local.close();
            } finally {
                CloudSpool.remove(spool);
                allocator.close();
            }
        }
    }

    @Override
    public void close() {
        abort();
    }

    @Override
    public String toString() {
        return "OpenMirroringWrite[" + where + "]";
    }
}
