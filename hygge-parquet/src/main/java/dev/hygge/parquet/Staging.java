package dev.hygge.parquet;

import dev.hygge.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging folder of one write, {@code <destination>/_hygge_staging/<run>/}, and the commit
 * protocol that moves its files into place.
 *
 * <pre>{@code
 * Staging.recover(destination);                       // finish or roll back interrupted commits
 * try (Staging staging = Staging.create(destination, runId)) {
 *     ... write files into staging.folder() ...
 *     staging.commit(List.of(new Move(staged, target)), List.of(oldFile));
 * }                                                   // closing without commit removes the folder
 * }</pre>
 *
 * <p>Files are written inside the destination (same file system, so moves are renames) under a
 * folder readers skip ({@code _}-prefixed). A commit first writes a journal listing every move
 * and delete, atomically, then applies it; once the journal exists the commit is decided. A file
 * a move replaces is first moved aside into the run's folder and removed with it. The
 * next write into the destination (or {@link #recover}) applies a journal left by an
 * interrupted commit to its end, and removes staging folders without one (their run never
 * committed). A lock file marks a folder whose write is still running, so it is left alone.
 */
final class Staging implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);
    /** The folder inside a destination that holds every run's staging folder. */
    static final String ROOT = "_hygge_staging";
    private static final String JOURNAL = "_journal";
    private static final String LOCK = "_lock";
    /** Where a commit moves the files it replaces, inside the run's folder; removed with it. */
    private static final String DISPLACED = "_replaced";
    private static final String HEADER = "hygge-commit 1";

    /** Called after each rename of a commit (moves aside too); tests set it to interrupt a commit between renames. */
    static volatile Runnable afterRename = () -> {};
    /** Called when a commit begins, before its journal is written; fault tests print a line here to time a kill. */
    static volatile Runnable beforeCommit = () -> {};

    private final Path destination;
    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean finished;
    /** The journal is written: the commit is decided and only recovery may undo the folder. */
    private boolean decided;

    /** One rename of a commit, both paths relative to the destination. */
    record Move(String from, String to) {}

    private Staging(Path destination, Path folder, FileChannel lockChannel, FileLock lock) {
        this.destination = destination;
        this.folder = folder;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates and locks the staging folder of run {@code runId}. */
    static Staging create(Path destination, String runId) {
        Path folder = destination.resolve(ROOT).resolve(runId);
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Staging(destination, folder, channel, channel.lock());
        } catch (IOException e) {
            throw new StoreException("Cannot write to parquet destination " + destination + ": " + reason(e)
                    + "; check that the folder can be created and written", e);
        }
    }

    Path folder() {
        return folder;
    }

    Path destination() {
        return destination;
    }

    /**
     * Decides the commit by writing its journal, then applies it: {@code moves} are renamed into
     * place, then {@code deletes} (old files a replace removes) are removed, then the staging folder.
     */
    void commit(List<Move> moves, List<String> deletes) {
        if (finished) {
            throw new IllegalStateException("staging folder " + folder + " was already committed or removed");
        }
        beforeCommit.run();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Move move : moves) {
            lines.add("move\t" + move.from() + "\t" + move.to());
        }
        for (String delete : deletes) {
            lines.add("delete\t" + delete);
        }
        Path journal = folder.resolve(JOURNAL);
        Path pending = folder.resolve(JOURNAL + ".tmp");
        try {
            Files.write(pending, lines, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(pending, journal, StandardCopyOption.ATOMIC_MOVE);
            decided = true;
        } catch (IOException e) {
            throw new StoreException("Cannot commit into parquet destination " + destination + ": writing the commit journal "
                    + journal + " failed: " + reason(e) + "; nothing was changed", e);
        }
        apply(destination, journal);
        finished = true;
        release();
        removeFolder(folder);
    }

    /**
     * Removes the staging folder and what it holds (abort); idempotent. A commit that failed after
     * its journal was written is decided: its folder is kept for the next run to complete.
     */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        release();
        if (decided) {
            LOG.warn("{} - the commit of {} did not finish; the next write into {} completes it", destination,
                    folder.getFileName(), destination);
            return;
        }
        removeFolder(folder);
    }

    /**
     * Completes every commit in {@code destination} that was decided (journal written) but
     * interrupted, and removes staging folders of runs that never committed. Folders of writes
     * still running (locked) are left alone.
     */
    static void recover(Path destination) {
        Path root = destination.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root)) {
            for (Path run : runs) {
                recoverRun(destination, run);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot check parquet destination " + destination + " for interrupted writes: " + reason(e), e);
        }
        removeIfEmpty(root);
    }

    private static void recoverRun(Path destination, Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return;
        }
        Path lockFile = run.resolve(LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return; // another process is writing
            }
            held.release();
        } catch (OverlappingFileLockException e) {
            return; // this process is writing
        }
        Path journal = run.resolve(JOURNAL);
        if (Files.exists(journal)) {
            LOG.warn("{} - completing the commit of run {} that was interrupted", destination, run.getFileName());
            apply(destination, journal);
        } else {
            LOG.warn("{} - removing staged files of run {} that never committed", destination, run.getFileName());
        }
        removeFolder(run);
    }

    /** Applies a journal; every step can be repeated, so a commit interrupted here is finished by the next run. */
    private static void apply(Path destination, Path journal) {
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("Cannot read the commit journal " + journal + ": " + reason(e), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new StoreException("Commit journal " + journal + " is not a hygge journal; remove the folder "
                    + journal.getParent() + " after checking " + destination);
        }
        Path displaced = journal.resolveSibling(DISPLACED);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] parts = line.split("\t");
            try {
                if (parts[0].equals("move")) {
                    Path from = destination.resolve(parts[1]);
                    Path to = destination.resolve(parts[2]);
                    if (Files.exists(from)) {
                        Files.createDirectories(to.getParent());
                        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                            // renaming over a file makes ext4 flush the new file's data synchronously
                            // (auto_da_alloc); a replaced file is moved aside and removed with the folder
                            Files.createDirectories(displaced);
                            move(to, displaced.resolve(String.valueOf(i)));
                            afterRename.run();
                        }
                        move(from, to);
                        afterRename.run();
                    }
                } else if (parts[0].equals("delete")) {
                    Files.deleteIfExists(destination.resolve(parts[1]));
                }
            } catch (IOException e) {
                throw new StoreException("Committing into parquet destination " + destination + " failed at '"
                        + line.replace('\t', ' ') + "': " + reason(e) + "; the next run into " + destination
                        + " completes this commit from " + journal, e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void release() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel closes below and the lock with it
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    private static void removeFolder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Cannot remove staging folder {}: {}", folder, e.toString());
        }
        removeIfEmpty(folder.getParent());
    }

    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // not empty (another run's folder) or not removable: harmless, readers skip it
        }
    }

    /** A short reason: the exception's kind and message. */
    static String reason(IOException e) {
        String kind = switch (e.getClass().getSimpleName()) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file or folder";
            case "FileAlreadyExistsException", "NotDirectoryException" -> "a file stands where a folder is needed";
            case "FileSystemException" -> "file system error";
            default -> e.getClass().getSimpleName();
        };
        String detail = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage();
        return kind + " (" + (e instanceof java.nio.file.FileSystemException fse2 ? fse2.getFile() + ": " : "") + detail + ")";
    }
}
