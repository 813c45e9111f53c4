package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A bounded read-ahead of a cloud Home's files into a local spool: file {@code i} is downloaded
 * into {@code <spool>/<i>/<its relative path>} when its split is opened or, in listing order, while
 * fewer than {@code ahead} downloaded files wait to be opened; a file is deleted when its split's
 * reader closes. So the spool holds at most {@code ahead} files plus one per open reader, whatever
 * the number of files.
 *
 * <pre>{@code
 * try (ReadAhead files = new ReadAhead(store, listing, rel, spool, 4)) {
 *     Path folder = files.acquire(0);      // waits for its download; starts the next ones
 *     ... read the file below folder ...
 *     files.release(0);                    // deletes it; the window moves on
 * }
 * }</pre>
 */
final class ReadAhead implements AutoCloseable {
    private final ObjectStore store;
    private final List<ObjectInfo> files;
    private final Function<ObjectInfo, String> relative;
    private final Path spool;
    private final int ahead;
    private final ExecutorService pool;
    private final Map<Integer, Future<Path>> started = new HashMap<>();
    private final Set<Integer> opened = new HashSet<>();
    /** Files read and deleted: never downloaded ahead again (only when acquired again). */
    private final Set<Integer> released = new HashSet<>();
    /** The lowest index not yet started. */
    private int next;
    /** Files started and not yet opened: what the window bounds. */
    private int waiting;
    private boolean closed;

    /** @param relative where a listed object goes below its own folder of the spool */
    ReadAhead(ObjectStore store, List<ObjectInfo> files, Function<ObjectInfo, String> relative, Path spool, int ahead) {
        this.store = store;
        this.files = List.copyOf(files);
        this.relative = relative;
        this.spool = spool;
        this.ahead = Math.max(1, ahead);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hygge-download " + store.describe());
            t.setDaemon(true);
            return t;
        });
    }

    int size() {
        return files.size();
    }

    ObjectInfo file(int index) {
        return files.get(index);
    }

    /** The folder holding file {@code index}, once downloaded; starts the read-ahead after it. */
    Path acquire(int index) {
        Future<Path> download;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the read of " + store.describe() + " is closed");
            }
            download = started.get(index);
            if (download == null) {
                download = start(index);
            } else if (!opened.contains(index)) {
                waiting--;
            }
            opened.add(index);
            fill();
        }
        try {
            return download.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new HomeException("Downloading " + store.describe() + "/" + files.get(index).key() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HomeException("Interrupted while downloading " + store.describe() + "/" + files.get(index).key(), e);
        }
    }

    /** Deletes file {@code index} from the spool (its reader closed; acquired again, it is downloaded again); the window moves on. */
    synchronized void release(int index) {
        if (started.remove(index) == null) {
            return;
        }
        opened.remove(index);
        released.add(index);
        CloudSpool.remove(spool.resolve(String.valueOf(index)));
        if (!closed) {
            fill();
        }
    }

    private void fill() {
        while (waiting < ahead) {
            while (next < files.size() && (started.containsKey(next) || released.contains(next))) {
                next++;
            }
            if (next >= files.size()) {
                return;
            }
            start(next);
            waiting++;
        }
    }

    private Future<Path> start(int index) {
        ObjectInfo o = files.get(index);
        Path folder = spool.resolve(String.valueOf(index));
        Path target = folder.resolve(relative.apply(o));
        Future<Path> download = pool.submit(() -> {
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new HomeException("Cannot create the local spool folder " + target.getParent() + " to read "
                        + store.describe() + "/" + o.key() + ": " + e.getMessage(), e);
            }
            store.download(o.key(), target);
            return folder;
        });
        started.put(index, download);
        return download;
    }

    /** Stops the downloads and waits for them to end (then the caller removes the spool). Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            pool.shutdownNow();
        }
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
