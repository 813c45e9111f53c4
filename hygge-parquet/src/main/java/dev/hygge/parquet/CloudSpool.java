package dev.hygge.parquet;

import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.storage.ObjectCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A local folder standing in for a remote destination while the local parquet Store writes into it:
 * an empty placeholder per remote file (the names are what the local Store's rules read), and the
 * remote state file. After the local commit, {@link #added} are the files the write made (never
 * empty when written: a parquet file has at least its magic bytes, a CSV file its header; emptied
 * once staged, then known by file key) and {@link #removed} the remote files it replaced.
 */
final class CloudSpool {
    private final Path folder;
    private final String dest;
    private final Set<String> placeholders;
    private final byte[] state;

    private CloudSpool(Path folder, String dest, Set<String> placeholders, byte[] state) {
        this.folder = folder;
        this.dest = dest;
        this.placeholders = placeholders;
        this.state = state;
    }

    /** Mirrors the visible files of {@code dest} into {@code folder}. */
    static CloudSpool mirror(ObjectStore store, String dest, Path folder) throws IOException {
        Files.createDirectories(folder);
        Set<String> placeholders = new LinkedHashSet<>();
        byte[] state = null;
        for (ObjectInfo o : ObjectCommit.visible(store, dest)) {
            String rel = relative(o, dest);
            if (rel.equals(StateFile.NAME)) {
                store.download(o.key(), folder.resolve(StateFile.NAME));
                state = Files.readAllBytes(folder.resolve(StateFile.NAME));
            } else if (!hidden(rel)) {
                Path p = folder.resolve(rel);
                Files.createDirectories(p.getParent());
                Files.createFile(p);
                placeholders.add(rel);
            }
        }
        return new CloudSpool(folder, dest, placeholders, state);
    }

    /** A listed object's key relative to the destination: a committed one's target, a staged one's too. */
    private static String relative(ObjectInfo o, String dest) {
        String rel = o.key().substring(dest.length());
        if (rel.startsWith(ObjectCommit.STAGING + "/")) {
            int slash = rel.indexOf('/', ObjectCommit.STAGING.length() + 1);
            return rel.substring(slash + 1);                  // read from staging while its commit publishes
        }
        return rel;
    }

    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The files the local write added, relative to the destination: those with bytes (placeholders
     * are empty) and those emptied once staged, known by their file keys ({@code staged}).
     */
    List<String> added(Set<Object> staged) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = folder.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (!hidden(rel) && (Files.size(p) > 0 || staged.contains(SpoolFiles.key(p)))) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    /** The remote files the write replaced: placeholders moved away, and not written anew under their name. */
    List<String> removed(List<String> added) {
        List<String> out = new ArrayList<>();
        for (String p : placeholders) {
            if (!Files.exists(folder.resolve(p)) && !added.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether the write changed the state file (then it goes up with the files). */
    boolean stateChanged() throws IOException {
        Path p = folder.resolve(StateFile.NAME);
        return Files.exists(p) && (state == null || !java.util.Arrays.equals(state, Files.readAllBytes(p)));
    }

    /** The remote files mirrored, relative to the destination. */
    Set<String> placeholders() {
        return placeholders;
    }

    Path file(String rel) {
        return folder.resolve(rel);
    }

    String dest() {
        return dest;
    }

    static void remove(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp folder: the OS's temp cleaning removes what is left
        }
    }
}
