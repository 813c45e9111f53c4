package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.DestinationLock;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes interrupted commits in the folders a parquet Home is about to read, so that a reader
 * never takes a half-renamed commit for the table.
 *
 * <pre>{@code
 * CommitRepair.beforeReading("lake/sales");   // every lake/sales/**&#47;_hygge_staging/<run>/_journal is applied
 * }</pre>
 *
 * <p>A folder with a staging folder is repaired under its destination's lock, taken without
 * waiting: interrupted commits are completed and dead runs' staged files removed. When a live
 * writer holds the lock, its staged files are left alone, and a journal makes the reader wait for
 * it to go rather than read past it: the holder either is committing (its renames take
 * milliseconds) or has just taken the lock and completes dead runs' commits first; only a journal
 * still there after {@link #WAIT} fails the read, naming the holder. Folders without a staging
 * folder take no lock.
 */
final class CommitRepair {
    private static final Logger LOG = LoggerFactory.getLogger(CommitRepair.class);
    /** How long a reader waits for a live writer to clear a journal before it refuses to read a half commit. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private CommitRepair() {}

    /** Repairs every destination at or below {@code path} (a directory or a glob's fixed part), or a file's own folder. */
    static void beforeReading(String path) {
        Path base = fixedPart(path);
        if (base == null) {
            return;
        }
        if (!Files.isDirectory(base)) {
            // one file (or a name not there yet, that the interrupted commit has still to move in): only its own
            // folder can hold the commit it belongs to; no walk of the folders around it
            Path folder = base.toAbsolutePath().getParent();
            if (folder != null && Files.isDirectory(folder.resolve(Staging.ROOT))) {
                repair(folder, "a parquet Home reading " + path);
            }
            return;
        }
        for (Path destination : interrupted(base)) {
            repair(destination, "a parquet Home reading " + path);
        }
    }

    /**
     * Completes what interrupted commits left in {@code destination} under its lock, waiting (up to
     * {@link #WAIT}) for a live writer's commit to finish; {@code reader} says who asks, for messages
     * ({@code "a parquet Home reading lake/sales"}).
     */
    static void repair(Path destination, String reader) {
        DestinationLock.Holder holder = new DestinationLock.Holder("repair", reader);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Files.isDirectory(destination.resolve(Staging.ROOT))) {
            if (!Files.isWritable(destination)) {
                throw new HomeException("Parquet folder " + destination + " holds a commit that was interrupted"
                        + " (" + destination.resolve(Staging.ROOT) + ") and cannot be completed: the folder is not writable."
                        + " Run the next write into it, or read it with write permission, so the commit is completed first");
            }
            try (DestinationLock lock = DestinationLock.acquire("parquet " + destination, destination.resolve(ParquetStore.LOCK_FILE),
                    holder, Duration.ZERO)) {
                LOG.debug("{} - completing interrupted commits, if any, before reading", destination);
                Staging.recover(destination);
                return;
            } catch (StoreException busy) {
                if (!Staging.interrupted(destination)) {
                    return; // a live writer's staged files, invisible to readers: not ours to touch
                }
                if (System.nanoTime() >= deadline) {
                    throw new HomeException("Parquet folder " + destination + " holds a commit in progress or interrupted, and "
                            + busy.getMessage() + " (waited " + WAIT.toSeconds() + " s for the commit to finish): read it"
                            + " when that write has finished", busy);
                }
                sleep();
            }
        }
    }

    /** Destinations at or below {@code base} with a staging folder (a write running, interrupted or dead). */
    private static List<Path> interrupted(Path base) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.equals(base) ? "" : dir.getFileName().toString();
                    if (name.equals(Staging.ROOT)) {
                        found.add(dir.getParent());
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return name.startsWith("_") || name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // the Home's own listing reports what it cannot read
                }
            });
        } catch (IOException e) {
            throw new HomeException("Cannot check " + base + " for interrupted commits: " + Staging.reason(e), e);
        }
        return found;
    }

    /** The part of {@code path} before its first glob character, as a folder or file. */
    private static Path fixedPart(String path) {
        if (!path.matches(".*[*?\\[{].*")) {
            return Path.of(path);
        }
        Path absolute = Path.of(path.replaceAll("[*?\\[{].*$", "x")).toAbsolutePath().getParent();
        return absolute;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HomeException("Interrupted while waiting for a commit to finish before reading");
        }
    }
}
