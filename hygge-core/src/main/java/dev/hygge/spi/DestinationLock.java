package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One writer per destination at a time: a lock a Store holds from {@code begin} to commit or
 * abort, honoured by every flow of this JVM and, where the lock has a file, by other processes.
 *
 * <pre>{@code
 * try (DestinationLock lock = DestinationLock.acquire("parquet lake/orders", folder.resolve("_hygge.lock"),
 *         request.holder(), request.lockWait())) {
 *     ... stage, then commit ...
 * }
 * }</pre>
 *
 * <p>Within the JVM one registry entry per key (the lock file's real path, or the key given) is
 * taken first, so two flows of one process queue there and never share, or release, each other's
 * OS lock: POSIX record locks belong to the process, and closing any channel on the file would
 * release them. Across processes the file carries an exclusive OS lock; the kernel releases it
 * when its process dies, so a lock of a killed run is simply free again (its stale holder line is
 * overwritten). The lock file is never deleted: deleting it would let two processes lock two
 * different files of one name. Who holds the lock (run, flow, process, host, since when) is
 * written into the file, so a writer that waits in vain can name the holder.
 *
 * @since 0.1
 */
public final class DestinationLock implements AutoCloseable {
    private static final Map<String, Entry> REGISTRY = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(50);

    private final String key;
    private final Entry entry;
    private final FileChannel channel;
    private final FileLock fileLock;
    private boolean released;

    /** Who writes: the run and flow, and (filled in here) the process, host and time. */
    public record Holder(String runId, String flow) {
        public Holder {
            requireNonNull(runId, "runId is null");
            requireNonNull(flow, "flow is null");
        }
    }

    /** The registry's entry for one destination: a one-permit queue and the holder's description. */
    private static final class Entry {
        final Semaphore permit = new Semaphore(1, true);
        volatile String holder = "";
    }

    private DestinationLock(String key, Entry entry, FileChannel channel, FileLock fileLock) {
        this.key = key;
        this.entry = entry;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Takes the lock of the destination {@code what} (for messages, e.g. {@code "parquet lake/orders"}),
     * held through {@code lockFile} across processes; waits up to {@code wait}.
     *
     * @throws StoreException naming the holder when the lock is not free within {@code wait}, or when
     *     the lock file cannot be created
     */
    public static DestinationLock acquire(String what, Path lockFile, Holder holder, Duration wait) {
        requireNonNull(lockFile, "lockFile is null");
        Path real;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            Files.newByteChannel(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            real = lockFile.toRealPath();
        } catch (IOException e) {
            throw new StoreException("Cannot lock " + what + ": creating the lock file " + lockFile + " failed: " + e
                    + "; check that the destination can be written", e);
        }
        return acquire(what, "file:" + real, real, holder, wait);
    }

    /**
     * Takes a lock known only to this JVM, for destinations whose engine already keeps other
     * processes out (a DuckDB file is opened by one process at a time) or that have no file.
     * {@code key} names the destination exactly (e.g. the database file and the table).
     */
    public static DestinationLock acquire(String what, String key, Holder holder, Duration wait) {
        requireNonNull(key, "key is null");
        return acquire(what, "key:" + key, null, holder, wait);
    }

    private static DestinationLock acquire(String what, String key, Path file, Holder holder, Duration wait) {
        requireNonNull(what, "what is null");
        requireNonNull(holder, "holder is null");
        requireNonNull(wait, "wait is null");
        long deadline = System.nanoTime() + wait.toNanos();
        Entry entry = REGISTRY.computeIfAbsent(key, k -> new Entry());
        try {
            if (!entry.permit.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
                throw busy(what, entry.holder, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Waiting for the lock of " + what + " was interrupted", e);
        }
        String line = describe(holder);
        if (file == null) {
            entry.holder = line;
            return new DestinationLock(key, entry, null, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock fileLock;
            while ((fileLock = channel.tryLock()) == null) {
                if (System.nanoTime() >= deadline) {
                    throw busy(what, read(channel), wait);
                }
                Thread.sleep(POLL.toMillis());
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            entry.holder = line;
            return new DestinationLock(key, entry, channel, fileLock);
        } catch (IOException e) {
            closeQuietly(channel);
            entry.permit.release();
            throw new StoreException("Cannot lock " + what + " through " + file + ": " + e, e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            entry.permit.release();
            Thread.currentThread().interrupt();
            throw new StoreException("Waiting for the lock of " + what + " was interrupted", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            entry.permit.release();
            throw e;
        }
    }

    /** Who holds the lock of {@code lockFile} now, as written by the holder; empty when free or unknown. */
    public static Optional<String> holderOf(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
            String text = read(channel);
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static StoreException busy(String what, String holder, Duration wait) {
        return new StoreException(what + " is being written by " + (holder == null || holder.isBlank() ? "another writer" : holder)
                + "; waited " + human(wait) + " for it to finish. Run again when it has finished, or raise lock_timeout");
    }

    private static String describe(Holder holder) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return "run " + holder.runId() + " (flow " + holder.flow() + ", process " + ProcessHandle.current().pid() + " on " + host
                + ", since " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int n = channel.read(buffer, 0);
        return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
    }

    private static String human(Duration wait) {
        long s = wait.toSeconds();
        return s >= 120 ? (s / 60) + " min" : s >= 1 ? s + " s" : wait.toMillis() + " ms";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel
            }
        }
    }


    /** Releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        if (channel != null) {
            try {
                channel.truncate(0);
            } catch (IOException ignored) {
                // the holder line is overwritten by the next holder
            }
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // closing the channel releases it
            }
            closeQuietly(channel);
        }
        entry.holder = "";
        entry.permit.release();
    }

    @Override
    public String toString() {
        return "DestinationLock[" + key + "]";
    }

}
