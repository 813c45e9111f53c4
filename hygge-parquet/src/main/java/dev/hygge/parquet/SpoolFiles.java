package dev.hygge.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What the cloud Store's spool does to a file it has staged: empties it in place, so its disk is
 * given back while the file (its name, its file key) stays for the local commit to rename.
 */
final class SpoolFiles {
    private SpoolFiles() {}

    /** Truncates {@code file} to no bytes; returns the size it had. */
    static long empty(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            channel.truncate(0);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty the spooled file " + file + " after staging it", e);
        }
    }

    /** The file's key (its inode), or null where the file system has none. */
    static Object key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
