package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging folder of one write, {@code <destination>/_hygge_staging/<run>/}, and the commit
 * protocol that moves its files into place. Every method here runs under the destination's
 * {@link dev.hygge.spi.DestinationLock} (taken by {@link ParquetStore#begin} or by
 * {@link CommitRepair}), so the folders it finds are its own or those of dead runs.
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
 * folder readers skip ({@code _}-prefixed). A commit first writes a {@link CommitJournal journal}
 * listing every rename, atomically; once the journal exists the commit is decided. Then a
 * replace's old files are moved aside into the run's folder, all of them before any new file
 * arrives, so a reader listing the folder meanwhile sees old files or new files, never both; then
 * the new files are moved in, never over an existing file; then the state kept with the files, if
 * the commit changes it, is renamed over the old ({@link StateFile}); then the run's folder (with the old
 * files) is removed. The next write into the destination, or a Home reading it, applies a journal
 * left by an interrupted commit to its end, and removes staging folders without one (their run
 * never committed).
 */
final class Staging implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);
    /** The folder inside a destination that holds every run's staging folder. */
    static final String ROOT = "_hygge_staging";
    static final String JOURNAL = "_journal";
    /** Where a commit moves the files it replaces, inside the run's folder; removed with it. */
    private static final String DISPLACED = "_replaced";

    /** Called after each rename of a commit (moves aside too); tests set it to interrupt a commit between renames. */
    static volatile Runnable afterRename = () -> {};
    /** Called when a commit begins, before its journal is written; fault tests print a line here to time a kill. */
    static volatile Runnable beforeCommit = () -> {};

    private final Path destination;
    private final Path folder;
    private boolean finished;
    /** The journal is written: the commit is decided and only recovery may undo the folder. */
    private boolean decided;

    /** One rename of a commit, both paths relative to the destination. */
    record Move(String from, String to) {}

    private Staging(Path destination, Path folder) {
        this.destination = destination;
        this.folder = folder;
    }

    /** Creates the staging folder of run {@code runId}; the caller holds the destination's lock. */
    static Staging create(Path destination, String runId) {
        Path folder = destination.resolve(ROOT).resolve(runId);
        try {
            Files.createDirectories(folder);
            return new Staging(destination, folder);
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

    /** {@link #commit(List, List, Optional)} without state. */
    void commit(List<Move> moves, List<String> replaced) {
        commit(moves, replaced, Optional.empty());
    }

    /**
     * Decides the commit by writing its journal, then applies it: the {@code replaced} files (old
     * files a replace removes, relative to the destination) are moved aside, then {@code moves} are
     * renamed into place, then the staged {@code state} file (relative to the destination) is
     * renamed over the destination's {@link StateFile}, then the staging folder is removed with
     * the old files. The journal holds every step, so the files and the state land together.
     */
    void commit(List<Move> moves, List<String> replaced, Optional<String> state) {
        if (finished) {
            throw new IllegalStateException("staging folder " + folder + " was already committed or removed");
        }
        beforeCommit.run();
        List<CommitJournal.Entry> entries = new ArrayList<>();
        String aside = destination.relativize(folder.resolve(DISPLACED)).toString();
        for (int i = 0; i < replaced.size(); i++) {
            entries.add(new CommitJournal.Entry(CommitJournal.Kind.ASIDE, replaced.get(i), aside + "/" + i));
        }
        for (Move move : moves) {
            entries.add(new CommitJournal.Entry(CommitJournal.Kind.MOVE, move.from(), move.to()));
        }
        state.ifPresent(staged -> entries.add(new CommitJournal.Entry(CommitJournal.Kind.STATE, staged, StateFile.NAME)));
        Path journal = folder.resolve(JOURNAL);
        try {
            CommitJournal.write(journal, entries);
            decided = true;
        } catch (IOException e) {
            throw new StoreException("Cannot commit into parquet destination " + destination + ": writing the commit journal "
                    + journal + " failed: " + reason(e) + "; nothing was changed", e);
        }
        apply(destination, journal);
        finished = true;
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
        if (decided) {
            LOG.warn("{} - the commit of {} did not finish; the next write into {} (or a read of it) completes it",
                    destination, folder.getFileName(), destination);
            return;
        }
        removeFolder(folder);
    }

    /** Whether {@code destination} holds a staging folder with a journal: a commit that was decided and not finished. */
    static boolean interrupted(Path destination) {
        Path root = destination.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root)) {
            for (Path run : runs) {
                if (Files.exists(run.resolve(JOURNAL))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // let the repair say what is wrong
        }
    }

    /**
     * Completes every commit in {@code destination} that was decided (journal written) but
     * interrupted, and removes staging folders of runs that never committed. The caller holds the
     * destination's lock, so every staging folder present belongs to a run that is gone.
     */
    static void recover(Path destination) {
        Path root = destination.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root)) {
            for (Path run : runs) {
                if (!Files.isDirectory(run)) {
                    continue;
                }
                if (Files.exists(run.resolve(JOURNAL))) {
                    LOG.warn("{} - completing the commit of run {} that was interrupted", destination, run.getFileName());
                    apply(destination, run.resolve(JOURNAL));
                } else {
                    LOG.warn("{} - removing staged files of run {} that never committed", destination, run.getFileName());
                }
                removeFolder(run);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot check parquet destination " + destination + " for interrupted writes: " + reason(e), e);
        }
        removeIfEmpty(root);
    }

    /** Applies a journal; every step can be repeated, so a commit interrupted here is finished by the next run. */
    private static void apply(Path destination, Path journal) {
        CommitJournal.Steps steps = CommitJournal.read(journal);
        List<CommitJournal.Entry> entries = steps.entries();
        long started = System.nanoTime();
        // once a new file has been moved in, every old file is already aside: the name it left may hold a new file now
        boolean placing = !steps.legacy() && entries.stream().anyMatch(e -> e.kind() == CommitJournal.Kind.MOVE
                && !Files.exists(destination.resolve(e.from()), LinkOption.NOFOLLOW_LINKS));
        int renames = 0;
        for (int i = 0; i < entries.size(); i++) {
            CommitJournal.Entry entry = entries.get(i);
            Path from = destination.resolve(entry.from());
            try {
                switch (entry.kind()) {
                    case ASIDE -> {
                        if (!placing && Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                            Path to = destination.resolve(entry.to());
                            Files.createDirectories(to.getParent());
                            move(from, to);
                            renames++;
                            afterRename.run();
                        }
                    }
                    case MOVE -> {
                        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                            Path to = destination.resolve(entry.to());
                            Files.createDirectories(to.getParent());
                            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                                if (!steps.legacy()) {
                                    throw new StoreException("Committing into parquet destination " + destination + ": "
                                            + to + " already exists and this commit did not write it; a commit never replaces a"
                                            + " file it does not own: move that file away, then run again (the next run"
                                            + " completes this commit from " + journal + ")");
                                }
                                // the first format moved a same-named old file aside here, as it was renamed over
                                Path displaced = journal.resolveSibling(DISPLACED);
                                Files.createDirectories(displaced);
                                move(to, displaced.resolve(String.valueOf(i)));
                                afterRename.run();
                            }
                            move(from, to);
                            renames++;
                            afterRename.run();
                        }
                    }
                    case DELETE -> Files.deleteIfExists(from);
                    case STATE -> {
                        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                            // a rename over the old state file: readers see the old state or the new, never none
                            Files.move(from, destination.resolve(entry.to()), StandardCopyOption.ATOMIC_MOVE,
                                    StandardCopyOption.REPLACE_EXISTING);
                            renames++;
                            afterRename.run();
                        }
                    }
                }
            } catch (IOException e) {
                throw new StoreException("Committing into parquet destination " + destination + " failed at " + entry.kind()
                        + " of '" + entry.from() + "': " + reason(e) + "; the next run into " + destination
                        + " completes this commit from " + journal, e);
            }
        }
        LOG.debug("{} - {} rename(s) in {} µs", destination, renames, (System.nanoTime() - started) / 1_000);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to); // fails rather than replace a file that appeared meanwhile
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
