package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a write of the parquet Store goes and which files there are its own.
 *
 * <pre>{@code
 * Path folder = DestinationFiles.folder("lake/sales", Optional.of("orders"));      // lake/sales/orders
 * List<Path> own = DestinationFiles.owned(folder, pattern, names, List.of("region"));
 * }</pre>
 *
 * <p>A destination's files are the files its file pattern names for this name
 * ({@code orders_<sequence>.parquet}) in the folder itself and, with {@code partition_by}, in its
 * hive folders ({@code region=eu/}, one level per partition column, in order). Nothing else in the
 * folder is the destination's: other entities' sub-folders, files of other names or patterns, and
 * files the user put there are never counted, numbered after, replaced or refused over.
 */
final class DestinationFiles {
    private DestinationFiles() {}

    /**
     * The folder a write of {@code entity} (or of the flow, without one) goes to below {@code path}.
     *
     * @throws IllegalArgumentException naming the entity when it is not one plain folder name
     */
    static Path folder(String path, Optional<String> entity) {
        Path base = Path.of(path);
        if (entity.isEmpty()) {
            return base;
        }
        String name = entity.get();
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("entity '" + printable(name) + "' " + problem);
        }
        Path folder = base.resolve(name);
        Path absolute = base.toAbsolutePath().normalize();
        if (!folder.toAbsolutePath().normalize().startsWith(absolute) || folder.toAbsolutePath().normalize().equals(absolute)) {
            throw new IllegalArgumentException("entity '" + printable(name) + "' does not name a folder inside " + path);
        }
        return folder;
    }

    /** Why {@code name} is not one plain path segment, or null when it is. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is '" + name + "', which names no folder of its own";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "holds a path separator";
        }
        if (name.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        return null;
    }

    /** {@code name} with control characters shown as escapes, for messages. */
    static String printable(String name) {
        return CommitJournal.escape(name).replace("\0", "\\0");
    }

    /** The destination's own files (see the class comment), sorted. */
    static List<Path> owned(Path folder, FilePattern pattern, Map<String, String> names, List<String> partitionBy) {
        List<Path> files = new ArrayList<>();
        collect(folder, 0, pattern, names, partitionBy, files);
        files.sort(null);
        return files;
    }

    private static void collect(Path folder, int depth, FilePattern pattern, Map<String, String> names, List<String> partitionBy,
                                List<Path> files) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (depth < partitionBy.size() && name.startsWith(partitionBy.get(depth) + "=")
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    collect(entry, depth + 1, pattern, names, partitionBy, files);
                } else if ((depth == 0 || depth == partitionBy.size()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        && pattern.sequenceOf(name, names).isPresent()) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot list parquet destination " + folder + ": " + Staging.reason(e), e);
        }
    }

    /** One past the highest sequence number among {@code owned} files, 0 when there are none. */
    static long nextSequence(List<Path> owned, FilePattern pattern, Map<String, String> names) {
        long next = 0;
        for (Path file : owned) {
            next = Math.max(next, pattern.sequenceOf(file.getFileName().toString(), names).orElse(-1) + 1);
        }
        return next;
    }
}
