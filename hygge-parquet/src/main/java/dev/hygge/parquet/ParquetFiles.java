package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the parquet files a Home reads and checks each before any row is read: it exists, is not
 * empty, and starts and ends with the parquet magic {@code PAR1} (a truncated file or a text file
 * named {@code .parquet} fails here, naming the file; an encrypted one, {@code PARE}, is named so).
 *
 * <pre>{@code
 * List<Path> files = ParquetFiles.resolve("landing/orders");   // file, directory or glob
 * }</pre>
 */
final class ParquetFiles {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** The magic of a file whose footer is encrypted (parquet modular encryption), at both ends. */
    private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);

    private ParquetFiles() {}

    /** The files {@code path} names, sorted: the file itself, every parquet file below a directory, or a glob's matches. */
    static List<Path> resolve(String path) {
        return resolve(path, FileFormat.PARQUET);
    }

    /**
     * The files of {@code format} that {@code path} names, sorted: the file itself, every file of the
     * format below a directory ({@code *.csv}, {@code *.csv.gz}...), or a glob's matches; parquet
     * files are checked for the magic.
     */
    static List<Path> resolve(String path, FileFormat format) {
        List<Path> files;
        String label = format.label();
        if (isGlob(path)) {
            files = glob(path, format);
            if (files.isEmpty()) {
                throw new HomeException("No " + label + " file matches " + path + ": check the pattern and the folder");
            }
        } else {
            Path p = Paths.get(path);
            if (!Files.exists(p)) {
                throw new HomeException(format.title() + " path " + path
                        + " does not exist: check the path (relative paths start at " + Paths.get("").toAbsolutePath() + ")");
            }
            if (Files.isDirectory(p)) {
                files = below(p, format, f -> true);
                if (files.isEmpty()) {
                    throw new HomeException("Directory " + path + " holds no " + (format == FileFormat.PARQUET ? "*.parquet"
                            : label) + " files: point path at a folder with data" + (format == FileFormat.PARQUET
                            ? " (or set format: csv | ndjson)" : ""));
                }
            } else {
                files = List.of(p);
            }
        }
        if (format == FileFormat.PARQUET) {
            files.forEach(ParquetFiles::check);
        }
        return files;
    }

    /** Whether {@code file} looks like parquet; throws a {@link HomeException} naming it and the reason otherwise. */
    static void check(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new HomeException("Cannot read parquet file " + file + ": " + e, e);
        }
        if (size == 0) {
            throw new HomeException("Parquet file " + file + " is empty (0 bytes): it is not a parquet file; remove it or write it again");
        }
        if (size < 12) {
            throw new HomeException("Parquet file " + file + " is too short (" + size + " bytes) to be parquet: it is truncated or not parquet");
        }
        byte[] head = new byte[4];
        byte[] tail = new byte[4];
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.read(ByteBuffer.wrap(head));
            channel.position(size - 4);
            channel.read(ByteBuffer.wrap(tail));
        } catch (IOException e) {
            throw new HomeException("Cannot read parquet file " + file + ": " + e, e);
        }
        if (java.util.Arrays.equals(head, ENCRYPTED_MAGIC) || java.util.Arrays.equals(tail, ENCRYPTED_MAGIC)) {
            throw new HomeException(file + " is an encrypted parquet file (PARE); hygge cannot read encrypted parquet: decrypt it first");
        }
        if (!java.util.Arrays.equals(head, MAGIC)) {
            throw new HomeException("File " + file + " is not a parquet file (it does not start with the parquet magic PAR1)"
                    + ": remove it from the folder or point path elsewhere");
        }
        if (!java.util.Arrays.equals(tail, MAGIC)) {
            throw new HomeException("Parquet file " + file + " is truncated (" + size
                    + " bytes, no footer: it does not end with PAR1): write it again");
        }
    }

    private static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }

    private static List<Path> glob(String pattern, FileFormat format) {
        Path absolute = Paths.get(pattern).toAbsolutePath().normalize();
        Path base = absolute.getRoot();
        for (Path part : absolute) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        if (!Files.isDirectory(base)) {
            throw new HomeException("No parquet file matches " + pattern + ": folder " + base + " does not exist");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        return below(base, format, f -> matcher.matches(f.toAbsolutePath().normalize()));
    }

    /** Regular files below {@code dir} of {@code format} ({@code .parquet}...), skipping hidden and {@code _}-prefixed names. */
    private static List<Path> below(Path dir, FileFormat format, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> found = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(f -> format.matches(f.getFileName().toString()))
                    .filter(f -> !hidden(dir.relativize(f)))
                    .filter(filter)
                    .sorted()
                    .forEach(found::add);
            return found;
        } catch (IOException | UncheckedIOException e) {
            throw new HomeException("Cannot list " + format.label() + " files under " + dir + ": " + e, e);
        }
    }

    /** Hidden and underscore names (staging folders, {@code _SUCCESS}, {@code .crc}) are not data. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
