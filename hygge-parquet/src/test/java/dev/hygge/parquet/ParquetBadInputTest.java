package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hygge.spi.HomeException;
import dev.hygge.Hygge;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input fails with the file and the reason, and the destination keeps exactly the
 * files it had (names and sizes).
 */
class ParquetBadInputTest {
    @TempDir
    Path dir;
    Path destination;
    Path good;

    @BeforeEach
    void destinationWithOneFile() throws Exception {
        destination = dir.resolve("lake");
        good = dir.resolve("good.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, md5(i::VARCHAR) AS h FROM range(200000) t(i)) TO '" + good
                + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
        copy(good.toString(), destination, "append");
    }

    private void copy(String source, Path target, String ifExists) {
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("copy").from("parquet", Map.of("path", source))
                    .to("parquet", Map.of("path", target.toString(), "if_exists", ifExists)).run();
        }
    }

    /** Every file below the destination with its size, staging included. */
    private Map<String, Long> snapshot(Path folder) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                // the destination's lock file stays once a write has run (it is never removed, see DestinationLock)
                for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith(ParquetStore.LOCK_FILE)).toList()) {
                    files.put(folder.relativize(p).toString(), Files.size(p));
                }
            }
        }
        return files;
    }

    private void failsLeavingDestination(String source, Class<? extends HyggeException> type, String... message) throws IOException {
        Map<String, Long> before = snapshot(destination);
        assertThat(before).hasSize(1);
        var thrown = assertThatThrownBy(() -> copy(source, destination, "replace")).isInstanceOf(type);
        for (String part : message) {
            thrown.hasMessageContaining(part);
        }
        assertThat(snapshot(destination)).isEqualTo(before);
    }

    @Test
    void missingPath() throws Exception {
        failsLeavingDestination(dir.resolve("nope.parquet").toString(), HomeException.class, "nope.parquet", "does not exist");
    }

    @Test
    void emptyDirectory() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        failsLeavingDestination(dir.resolve("empty").toString(), HomeException.class, "empty", "holds no *.parquet files");
    }

    @Test
    void zeroByteFile() throws Exception {
        Files.createFile(dir.resolve("zero.parquet"));
        failsLeavingDestination(dir.resolve("zero.parquet").toString(), HomeException.class, "zero.parquet", "empty (0 bytes)");
    }

    @Test
    void truncatedFile() throws Exception {
        Path truncated = dir.resolve("truncated.parquet");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        failsLeavingDestination(truncated.toString(), HomeException.class, "truncated.parquet", "truncated");
    }

    @Test
    void textFileNamedParquet() throws Exception {
        Files.writeString(dir.resolve("notes.parquet"), "id,name\n1,hygge\n");
        failsLeavingDestination(dir.resolve("notes.parquet").toString(), HomeException.class, "notes.parquet", "not a parquet file");
    }

    @Test
    void oneBadFileAmongGoodOnes() throws Exception {
        Path folder = dir.resolve("mixed");
        Files.createDirectories(folder);
        Files.copy(good, folder.resolve("a.parquet"));
        Files.writeString(folder.resolve("b.parquet"), "PAR1 but not really");
        Files.copy(good, folder.resolve("c.parquet"));
        failsLeavingDestination(folder.toString(), HomeException.class, "b.parquet");
    }

    @Test
    void corruptPageFoundMidRead() throws Exception {
        Path corrupt = dir.resolve("corrupt.parquet");
        Files.copy(good, corrupt);
        long size = Files.size(corrupt);
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            byte[] garbage = new byte[64 * 1024];
            java.util.Arrays.fill(garbage, (byte) 0x5A);
            file.seek(size * 2 / 3);
            file.write(garbage);
        }
        failsLeavingDestination(corrupt.toString(), HyggeException.class, "corrupt.parquet");
    }

    @Test
    void unwritableDestination() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> copy(good.toString(), file.resolve("lake"), "append"))
                .isInstanceOf(StoreException.class).hasMessageContaining(file.toString()).hasMessageContaining("Cannot write");
        assertThat(Files.readString(file)).isEqualTo("x");

        Path readOnly = dir.resolve("read-only");
        Files.createDirectories(readOnly);
        boolean mounted = mount(readOnly, "ro,size=1m");
        if (!mounted) {
            readOnly.toFile().setWritable(false);
            assumeTrue(!Files.isWritable(readOnly), "cannot make a read-only folder here (running as root without mount)");
        }
        try {
            assertThatThrownBy(() -> copy(good.toString(), readOnly, "append"))
                    .isInstanceOf(StoreException.class).hasMessageContaining(readOnly.toString());
            assertThat(snapshot(readOnly)).isEmpty();
        } finally {
            if (mounted) {
                umount(readOnly);
            }
        }
    }

    @Test
    void diskFullMidWrite() throws Exception {
        Path small = dir.resolve("small");
        Files.createDirectories(small);
        assumeTrue(mount(small, "size=4m"), "skipped: cannot mount a small tmpfs here (needs root); disk-full not tested");
        try {
            Path target = small.resolve("lake");
            Path tiny = dir.resolve("tiny.parquet");
            DuckDbCheck.execute("COPY (SELECT i AS id FROM range(1000) t(i)) TO '" + tiny + "' (FORMAT parquet)");
            copy(tiny.toString(), target, "append");   // a first file fits
            Map<String, Long> before = snapshot(target);
            assertThat(before).hasSize(1);
            Path big = dir.resolve("big.parquet");
            DuckDbCheck.execute("COPY (SELECT i AS id, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS h FROM range(400000) t(i)) TO '"
                    + big + "' (FORMAT parquet, COMPRESSION uncompressed)");
            assertThatThrownBy(() -> copy(big.toString(), target, "replace"))
                    .isInstanceOf(StoreException.class).hasMessageContaining(target.toString())
                    .hasMessageContaining("No space left");
            assertThat(snapshot(target)).isEqualTo(before);
        } finally {
            umount(small);
        }
    }

    static boolean mount(Path folder, String options) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void umount(Path folder) throws Exception {
        new ProcessBuilder("umount", folder.toString()).redirectErrorStream(true).start().waitFor();
    }
}
