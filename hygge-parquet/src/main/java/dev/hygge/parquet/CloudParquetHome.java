package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ForwardingReader;
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
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The file Home at a cloud location, for parquet, CSV and NDJSON: lists the location's files of the
 * format (a folder, a glob in the path's last segments, {@code <path>/<entity>/}; {@code _}- and
 * {@code .}-prefixed names skipped; a commit in progress read as committed,
 * {@link ObjectCommit#visible}) and reads them with the local {@link ParquetHome} or {@link TextHome}
 * from a local spool (DuckDB reads local files).
 *
 * <pre>{@code
 * home: {type: parquet, path: "s3://lake/landing/orders/*.csv.gz", storage: {connection: lake}}
 * }</pre>
 *
 * <p>The spool is bounded: up to {@link #READ_AHEAD} files are downloaded and read as one local
 * folder (as on disk: row-group splits, hive folders typed over all files); more are streamed, one
 * split per file, through a {@link ReadAhead} that downloads the next {@code READ_AHEAD} files while a
 * split is read and deletes each file when its reader closes. Streamed, the columns are the first
 * file's (a CSV file's sniffed types apply to every file, as on disk); a parquet file's hive folders
 * and watermark filter are read per file (hive values typed per file; one file is not split by row
 * groups; files are not pruned by statistics before they are downloaded).
 */
final class CloudParquetHome implements Home, SupportsIncremental {
    private static final int DOWNLOADS = 4;
    /** Files downloaded ahead of the splits being read; also the most read as one local folder. */
    static final int READ_AHEAD = 4;

    private final ParquetHomeOptions options;
    private final FileFormat format;
    private final Consumer<String> warnings;
    private final DuckDb duckdb;
    private final java.util.Map<String, String> settings;
    private final String base;
    private final String glob;
    /** The local Home over the whole spool (few files), or null. */
    private Home local;
    private Path spool;
    /** The streamed form's state (more than {@link #READ_AHEAD} files), or null. */
    private ObjectStore streamStore;
    private ReadAhead streamed;
    /** A Home over the first streamed file: its columns (then its file is gone: they are kept). */
    private Home first;
    private WatermarkFilter filter;

    CloudParquetHome(ParquetHomeOptions options, FileFormat format, DuckDb duckdb, dev.hygge.spi.HyggeContext context) {
        this.options = requireNonNull(options, "options is null");
        this.format = requireNonNull(format, "format is null");
        this.settings = ObjectStores.settings(options.storage, context);
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.warnings = context == null ? TextHome.LOGGED : context::warn;
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
        return format.label() + " " + options.path.replaceAll("\\?.*", "?****")
                + (options.entity == null ? "" : " entity " + options.entity);
    }

    /** The local Home over the whole spool, or null where the files are streamed. */
    private synchronized Home local() {
        if (local != null || streamed != null) {
            return local;
        }
        try {
            spool = Files.createTempDirectory("hygge-read-");
            Path read = download();
            if (read != null) {
                local = home(read, options.splitRows);
            }
            return local;
        } catch (IOException e) {
            throw new HomeException(describe() + ": could not spool its files locally: " + e.getMessage(), e);
        }
    }

    /**
     * Downloads what the path names into the spool, and returns what the local Home reads (a folder,
     * or one file); or, for more files than {@link #READ_AHEAD}, starts streaming them and returns null.
     */
    private Path download() throws IOException {
        List<ObjectInfo> files;
        String folderUrl = base;
        try (ObjectStore store = ObjectStores.open(base, settings)) {
            files = listed(store);
        }
        if (files.isEmpty() && glob == null && FileFormat.ofPath(base).isPresent()) {
            // one file: its folder's store, that key
            int slash = base.lastIndexOf('/');
            folderUrl = base.substring(0, slash);
            String name = base.substring(slash + 1);
            try (ObjectStore store = ObjectStores.open(folderUrl, settings)) {
                Optional<ObjectInfo> one = store.stat(name);
                if (one.isEmpty()) {
                    throw new HomeException(format.title() + " file " + describe() + " does not exist: check the path");
                }
                store.download(name, spool.resolve(name));
                return spool.resolve(name);
            }
        }
        if (files.isEmpty()) {
            throw new HomeException("No " + format.label() + " files at " + describe() + ": check the path (a folder, a glob"
                    + " such as .../*" + format.extension(Compression.NONE) + ", or a file) and format");
        }
        if (files.size() > READ_AHEAD) {
            streamStore = ObjectStores.open(folderUrl, settings);
            streamed = new ReadAhead(streamStore, files, CloudParquetHome::target, spool, READ_AHEAD);
            return null;
        }
        try (ObjectStore store = ObjectStores.open(folderUrl, settings);
             ReadAhead all = new ReadAhead(store, files, CloudParquetHome::target, spool.resolve("all"), DOWNLOADS)) {
            for (int i = 0; i < files.size(); i++) {
                all.acquire(i);                    // spool/all/<i>/<relative path>: one folder of every file
            }
        }
        return spool.resolve("all");
    }

    /** A file's place below its spool folder: its key below the location, or its final name while its commit publishes. */
    private static String target(ObjectInfo o) {
        String key = o.key();
        if (key.startsWith(ObjectCommit.STAGING + "/")) {
            return key.substring(key.indexOf('/', ObjectCommit.STAGING.length() + 1) + 1);
        }
        return key;
    }

    private List<ObjectInfo> listed(ObjectStore store) {
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : ObjectCommit.visible(store, "")) {
            String rel = target(o);
            if (!FileFormat.ofPath(rel).equals(Optional.of(format)) || hidden(rel)) {
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

    /** The local Home of the format over {@code read}. */
    private Home home(Path read, long splitRows) {
        ParquetHomeOptions own = new ParquetHomeOptions();
        own.path = read.toString();
        own.batchSize = options.batchSize;
        own.columns = options.columns;
        own.splitRows = splitRows;
        own.format = options.format;
        own.formatOptions = options.formatOptions;
        own.onBadRow = options.onBadRow;
        own.rejectsPath = options.rejectsPath;
        return format == FileFormat.PARQUET ? new ParquetHome(own, duckdb) : new TextHome(own, format, duckdb, warnings);
    }

    /** One streamed file: its place in the listing, and its key for messages. */
    record CloudSplit(int index, String key) implements Split {
        @Override
        public String describe() {
            return key;
        }
    }

    private synchronized Home first() {
        if (first == null) {
            Path folder = streamed.acquire(0);
            try {
                Home home = home(folder, Long.MAX_VALUE);
                ((SupportsIncremental) home).column("");                                // reads and keeps the columns (a CSV file's types)
                home.splits();                                  // and checks a projection against them
                first = home;
            } finally {
                streamed.release(0);
            }
        }
        return first;
    }

    @Override
    public List<Split> splits() {
        if (local() != null) {
            return local.splits();
        }
        first();
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < streamed.size(); i++) {
            splits.add(new CloudSplit(i, streamed.file(i).key()));
        }
        return splits;
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        if (local() != null) {
            return local.open(split, allocator);
        }
        int index = ((CloudSplit) split).index();
        Path folder = streamed.acquire(index);
        try {
            ArrowReader reader;
            if (format == FileFormat.PARQUET) {
                // a Home of this one file (split_rows unbounded: one split), its own hive folders and filter
                Home one = home(folder, Long.MAX_VALUE);
                if (filter != null) {
                    ((SupportsIncremental) one).restrict(filter);
                }
                reader = one.open(one.splits().get(0), allocator);
            } else {
                // the first file's Home reads every file with the types it found
                reader = first().open(ParquetSplit.whole(folder.resolve(target(streamed.file(index))).toString()), allocator);
            }
            return ForwardingReader.closing(allocator, reader, () -> streamed.release(index));
        } catch (RuntimeException e) {
            streamed.release(index);
            throw e;
        }
    }

    @Override
    public Optional<Field> column(String name) {
        return ((SupportsIncremental) (local() != null ? local : first())).column(name);
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        if (local() != null) {
            ((SupportsIncremental) local).restrict(filter);
        } else {
            ((SupportsIncremental) first()).restrict(filter);
            this.filter = filter;
        }
    }

    @Override
    public void close() {
        try {
            if (streamed != null) {
                streamed.close();
                streamStore.close();
            }
        } finally {
            try {
                duckdb.close();                                 // the local Homes share it and hold nothing else
            } finally {
                CloudSpool.remove(spool);
            }
        }
    }
}
