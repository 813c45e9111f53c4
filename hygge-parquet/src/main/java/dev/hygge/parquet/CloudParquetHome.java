package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.WatermarkFilter;
import dev.hygge.storage.ObjectCommit;
import dev.hygge.storage.ObjectStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The parquet Home at a cloud location: lists the location's parquet files (a folder, a glob in the
 * path's last segments, {@code <path>/<entity>/}; {@code _}- and {@code .}-prefixed names skipped; a
 * commit in progress read as committed, {@link ObjectCommit#visible}), downloads them into a local
 * spool folder in parallel, and reads them there with the local {@link ParquetHome} (DuckDB reads
 * local files). The spool holds the files the Home reads until it closes.
 */
final class CloudParquetHome implements Home, SupportsIncremental {
    private static final int DOWNLOADS = 4;

    private final ParquetHomeOptions options;
    private final DuckDb duckdb;
    private final java.util.Map<String, String> settings;
    private final String base;
    private final String glob;
    private ParquetHome local;
    private Path spool;

    CloudParquetHome(ParquetHomeOptions options, DuckDb duckdb, dev.hygge.spi.HyggeContext context) {
        this.options = requireNonNull(options, "options is null");
        this.settings = ObjectStores.settings(options.storage, context);
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        String path = options.entity == null ? options.path : options.path.replaceAll("/+$", "") + "/" + options.entity;
        int at = firstGlobSegment(path);
        this.base = at < 0 ? path : path.substring(0, at);
        this.glob = at < 0 ? null : path.substring(at);
    }

    /** Where the segment holding the first glob character starts, or -1. */
    private static int firstGlobSegment(String path) {
        int scheme = path.indexOf("://");
        for (int i = scheme < 0 ? 0 : scheme + 3; i < path.length(); i++) {
            if ("*?[{".indexOf(path.charAt(i)) >= 0) {
                return path.lastIndexOf('/', i) + 1;
            }
        }
        return -1;
    }

    @Override
    public String describe() {
        return "parquet " + options.path.replaceAll("\\?.*", "?****") + (options.entity == null ? "" : " entity " + options.entity);
    }

    private synchronized ParquetHome local() {
        if (local != null) {
            return local;
        }
        try {
            spool = Files.createTempDirectory("hygge-read-");
            Path read = download();
            ParquetHomeOptions own = new ParquetHomeOptions();
            own.path = read.toString();
            own.batchSize = options.batchSize;
            own.columns = options.columns;
            own.splitRows = options.splitRows;
            local = new ParquetHome(own, duckdb);
            return local;
        } catch (IOException e) {
            throw new HomeException(describe() + ": could not spool its files locally: " + e.getMessage(), e);
        }
    }

    /** Downloads what the path names into the spool; returns what the local Home reads (a folder, or one file). */
    private Path download() throws IOException {
        List<ObjectInfo> files;
        String folderUrl = base;
        try (ObjectStore store = ObjectStores.open(base, settings)) {
            files = parquetFiles(store);
        }
        if (files.isEmpty() && glob == null && base.endsWith(".parquet")) {
            // one file: its folder's store, that key
            int slash = base.lastIndexOf('/');
            folderUrl = base.substring(0, slash);
            String name = base.substring(slash + 1);
            try (ObjectStore store = ObjectStores.open(folderUrl, settings)) {
                Optional<ObjectInfo> one = store.stat(name);
                if (one.isEmpty()) {
                    throw new HomeException("Parquet file " + describe() + " does not exist: check the path");
                }
                store.download(name, spool.resolve(name));
                return spool.resolve(name);
            }
        }
        if (files.isEmpty()) {
            throw new HomeException("No parquet files at " + describe() + ": check the path (a folder, a glob such as"
                    + " .../*.parquet, or a file)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DOWNLOADS, files.size()));
        try (ObjectStore store = ObjectStores.open(folderUrl, settings)) {
            List<Future<?>> sent = new ArrayList<>();
            for (ObjectInfo o : files) {
                Path target = spool.resolve(target(o));
                Files.createDirectories(target.getParent());
                sent.add(pool.submit(() -> store.download(o.key(), target)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new HomeException(describe() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HomeException(describe() + ": interrupted while downloading", e);
        } finally {
            pool.shutdownNow();
        }
        return spool;
    }

    /** A file's place in the spool: its key below the location, or its final name while its commit publishes. */
    private static String target(ObjectInfo o) {
        String key = o.key();
        if (key.startsWith(ObjectCommit.STAGING + "/")) {
            return key.substring(key.indexOf('/', ObjectCommit.STAGING.length() + 1) + 1);
        }
        return key;
    }

    private List<ObjectInfo> parquetFiles(ObjectStore store) {
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : ObjectCommit.visible(store, "")) {
            String rel = target(o);
            if (!rel.endsWith(".parquet") || hidden(rel)) {
                continue;
            }
            if (glob == null || ObjectKeys.matches(glob, rel)) {
                out.add(o);
            }
        }
        return out;
    }

    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Split> splits() {
        return local().splits();
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        return local().open(split, allocator);
    }

    @Override
    public Optional<Field> column(String name) {
        return local().column(name);
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        local().restrict(filter);
    }

    @Override
    public void close() {
        try {
            if (local != null) {
                local.close();
            } else {
                duckdb.close();
            }
        } finally {
            CloudSpool.remove(spool);
        }
    }
}
