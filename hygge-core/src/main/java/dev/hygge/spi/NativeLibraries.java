package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native libraries that a driver jar copies into the temp folder on every start and loads from
 * there (DuckDB's JDBC driver: 57 MB per start, removed only at a normal exit, so every killed
 * process left its copy behind). Loading through here removes those copies:
 *
 * <pre>{@code
 * NativeLibraries.load("org.duckdb.DuckDBNative", DuckDb.class.getClassLoader(), "libduckdb_java", ".so");
 * }</pre>
 *
 * <p>Once the library is loaded, this process's own copy is deleted at once (found through
 * {@code /proc/self/maps}; a mapped library stays usable after its file is deleted, and the
 * kernel frees the space when the process ends, however it ends). Copies older than
 * {@link #ORPHANED_AFTER} are deleted too: a process killed in the second the driver spends
 * copying left them, and a live process that loaded one keeps it mapped (on Windows a loaded DLL
 * cannot be deleted, so the delete fails and the copy stays). The driver cannot be told to load
 * from a stable folder instead (see the DuckDB module's README).
 *
 * @since 0.1
 */
public final class NativeLibraries {
    /** How old an extracted copy must be before a starting process deletes it as a killed process's leftover. */
    public static final Duration ORPHANED_AFTER = Duration.ofMinutes(1);
    private static final Map<String, Boolean> LOADED = new ConcurrentHashMap<>();

    private NativeLibraries() {}

    /** The logger, asked for only when there is something to log: a library's load does not wait for SLF4J's start ({@code Warmup}). */
    private static Logger log() {
        return LoggerFactory.getLogger(NativeLibraries.class);
    }

    /**
     * Initialises {@code className} (whose static initialiser extracts and loads the library) from
     * {@code loader}, once per JVM, then deletes the extracted copies named {@code prefix*suffix}
     * in {@code java.io.tmpdir} as described above. A copy that cannot be deleted is left alone.
     *
     * @throws IllegalStateException when the class is missing or its initialiser fails (the
     *     driver's own error as the cause)
     */
    public static void load(String className, ClassLoader loader, String prefix, String suffix) {
        requireNonNull(className, "className is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(suffix, "suffix is null");
        if (LOADED.containsKey(className)) {
            return;
        }
        synchronized (NativeLibraries.class) {
            if (LOADED.containsKey(className)) {
                return;
            }
            try {
                Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("Loading the native library of " + className + " failed: " + e, e);
            }
            LOADED.put(className, true);
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            removeOwn(temp, prefix, suffix, Path.of("/proc/self/maps"));
            removeOrphans(temp, prefix, suffix, Instant.now().minus(ORPHANED_AFTER));
        }
    }

    /** Deletes the copies in {@code temp} that {@code maps} (this process's mappings) shows as loaded. */
    static int removeOwn(Path temp, String prefix, String suffix, Path maps) {
        if (!Files.isReadable(maps)) {
            return 0;
        }
        int removed = 0;
        try {
            String folder = temp.toRealPath().toString();
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                Path file = Path.of(line.substring(slash).strip());
                if (file.getParent() != null && file.getParent().toString().equals(folder) && matches(file, prefix, suffix)) {
                    removed += delete(file) ? 1 : 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            log().debug("reading {} failed; the extracted library stays until the process exits", maps, e);
        }
        return removed;
    }

    /** Deletes the copies in {@code temp} last modified before {@code before}. */
    static int removeOrphans(Path temp, String prefix, String suffix, Instant before) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, prefix + "*" + suffix)) {
            for (Path file : files) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(before) && Files.isRegularFile(file)) {
                    removed += delete(file) ? 1 : 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            log().debug("listing {} for extracted native libraries failed", temp, e);
        }
        return removed;
    }

    private static boolean matches(Path file, String prefix, String suffix) {
        String name = file.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(suffix);
    }

    private static boolean delete(Path file) {
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                log().debug("deleted extracted native library {}", file);
            }
            return deleted;
        } catch (IOException e) {
            log().debug("cannot delete extracted native library {} (in use?): {}", file, e.toString());
            return false;
        }
    }

    /** For tests: the names in {@code temp} that look like extracted copies. */
    static List<Path> copies(Path temp, String prefix, String suffix) throws IOException {
        try (var files = Files.list(temp)) {
            return files.filter(f -> matches(f, prefix, suffix)).sorted().toList();
        }
    }
}
