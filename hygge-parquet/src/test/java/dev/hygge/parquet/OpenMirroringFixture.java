package dev.hygge.parquet;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Open Mirroring Store's tests share: a mirror {@code crm} in a temp folder, a runtime whose full
 * loads record their waits (and the table's files at that moment) instead of sleeping, sources with an
 * {@code id}, a {@code changed} watermark and an {@code op} column, and flows into the table {@code orders}.
 */
abstract class OpenMirroringFixture {
    static final String SEQUENCE_NAME = "\\d{20}\\.parquet";

    @TempDir
    Path dir;

    /** Every wait a full load asked for, and the table folder's files and the staged files at that moment. */
    final List<Long> waits = new ArrayList<>();
    final List<List<String>> landingAtWait = new ArrayList<>();
    final List<List<String>> stagedAtWait = new ArrayList<>();
    final AtomicReference<RuntimeException> failWait = new AtomicReference<>();

    Hygge runtime() {
        OpenMirroringCommit.Sleeper sleeper = millis -> {
            waits.add(millis);
            landingAtWait.add(files(landing("orders")));
            stagedAtWait.add(files(dir.resolve("crm/Files/_hygge_mirroring/orders")));
            RuntimeException fail = failWait.getAndSet(null);
            if (fail != null) {
                throw fail;
            }
        };
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new OpenMirroringStoreFactory(sleeper)));
    }

    Path landing(String table) {
        return dir.resolve("crm/Files/LandingZone").resolve(table);
    }

    Map<String, Object> options(Object... more) {
        Map<String, Object> o = new HashMap<>(Map.of("path", dir.toString(), "mirror_name", "crm", "key_columns", List.of("id")));
        for (int i = 0; i < more.length; i += 2) {
            o.put((String) more[i], more[i + 1]);
        }
        return o;
    }

    static void source(Path file, long first, long count) {
        DuckDbCheck.execute("COPY (SELECT range AS id, 'n' || range AS name, (range % 3)::INTEGER AS op,"
                + " TIMESTAMP '2026-01-01 10:00:00' + to_seconds(range) AS changed FROM range(" + first + ", " + (first + count)
                + ")) TO '" + file + "' (FORMAT parquet)");
    }

    /** A full load of a flow with a watermark: it reads everything and commits the watermark with its files. */
    FlowResult full(Hygge hygge, Path source, Map<String, Object> options) {
        return hygge.run(hygge.flow("crm").entity("orders").from("parquet", Map.of("path", source.toString()))
                .to("open_mirroring", options).incremental(Incremental.on("changed").primaryKey("id")).fullDrop()
                .retries(0).retryDelay(Duration.ZERO).build());
    }

    /** A full load of a flow without a watermark. */
    FlowResult plain(Hygge hygge, Path source, Map<String, Object> options) {
        return hygge.run(hygge.flow("crm").entity("orders").from("parquet", Map.of("path", source.toString()))
                .to("open_mirroring", options).retries(0).retryDelay(Duration.ZERO).build());
    }

    FlowResult incremental(Hygge hygge, Path source, Map<String, Object> options) {
        return hygge.run(hygge.flow("crm").entity("orders").from("parquet", Map.of("path", source.toString()))
                .to("open_mirroring", options).incremental(Incremental.on("changed").primaryKey("id"))
                .retries(0).retryDelay(Duration.ZERO).build());
    }

    /**
     * The names of the files below {@code folder}, relative to it, sorted; empty when it does not exist. Tests
     * also poll a folder that a running writer (a child JVM) renames files in: a file or folder that vanishes
     * between its listing and its attributes is simply not there, as it would be a moment later.
     */
    static List<String> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        found.add(folder.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e == null || e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            return List.of();                                       // the folder itself went meanwhile
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found.stream().sorted().toList();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).replaceAll("\\s+", "");
    }
}
