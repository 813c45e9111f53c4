package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.parquet.faults.ChildJvm;
import dev.hygge.parquet.faults.ParquetFaultChild;
import dev.hygge.testkit.NoopStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CSV and NDJSON files go through the parquet Store's staging and commit: a failed write leaves the
 * destination as it was, a killed one (the parquet fault child, writing CSV) is old or new after the
 * next read repairs it, never a mix, and nothing is left behind.
 */
class TextFaultsTest {
    private static final long OLD = 30_000;
    private static final long NEW = 50_000;

    @TempDir
    Path dir;

    private static void write(Hygge hygge, Path folder, long rows, String mode, String format, long failAt) {
        var home = dev.hygge.testkit.GeneratedHome.builder(dev.hygge.testkit.TestBatches.benchmark()).rows(rows).batchSize(5_000)
                .splits(2);
        if (failAt >= 0) {
            home.failAtRow(failAt);
        }
        hygge.flow("faults").from(home.build())
                .to("parquet", Map.of("path", folder.toString(), "if_exists", mode, "rows_per_file", 10_000, "format", format,
                        "compression", "gzip"))
                .parallelism(2).run();
    }

    /** Every file's name and bytes, in order. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            java.util.TreeMap<String, String> all = new java.util.TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.put(folder.relativize(f).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
            return all;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"csv,replace", "csv,append", "ndjson,replace", "ndjson,append"})
    void aFailedWriteLeavesTheDestinationAsItWas(String format, String mode) throws IOException {
        Path lake = dir.resolve("lake");
        try (Hygge hygge = ParquetFaultChild.runtime()) {
            write(hygge, lake, OLD, "replace", format, -1);
            Map<String, String> before = snapshot(lake);
            assertThat(before.keySet()).contains("faults_00000000000000000000." + (format.equals("csv") ? "csv" : "ndjson") + ".gz");
            assertThatThrownBy(() -> write(hygge, lake, NEW, mode, format, 37_000)).hasMessageContaining("37");
            assertThat(snapshot(lake)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"csv", "ndjson"})
    void aKilledWriteIsOldOrNewAfterTheNextReadNeverAMix(String format) throws Exception {
        String extension = format.equals("csv") ? ".csv" : ".ndjson";
        Random random = new Random();
        for (int trial = 0; trial < 4; trial++) {
            Path lake = dir.resolve(format + "-" + trial);
            try (Hygge hygge = ParquetFaultChild.runtime()) {
                hygge.flow("faults").from(ParquetFaultChild.home(OLD))
                        .to("parquet", Map.of("path", lake.toString(), "rows_per_file", 10_000, "format", format)).run();
            }
            ChildJvm child = ChildJvm.start(dir, "replace", lake.toString(), Long.toString(NEW), "10000", "10", "faults", format);
            assertThat(child.await("started", Duration.ofMinutes(1))).as(child.describe()).isTrue();
            if (trial % 2 == 1) {
                assertThat(child.await("committing", Duration.ofMinutes(1))).as(child.describe()).isTrue();
                Thread.sleep(random.nextInt(60));
            } else {
                Thread.sleep(random.nextInt(1_500));
            }
            child.kill();
            String where = format + " trial " + trial;
            try (Hygge hygge = ParquetFaultChild.runtime()) {
                long read = hygge.flow("check").from("parquet", Map.of("path", lake.toString(), "format", format))
                        .to(new NoopStore(2)).run().rowsRead();
                assertThat(read).as(where).isIn(OLD, NEW);
            }
            String reader = format.equals("csv") ? "read_csv" : "read_json";
            List<Object> counts = DuckDbCheck.query("SELECT count(*), count(DISTINCT id) FROM " + reader + "("
                    + DuckDb.literal(lake + "/faults_*" + extension) + ")").get(0);
            assertThat(counts.get(0)).as(where).isEqualTo(counts.get(1)).isIn(OLD, NEW);
            assertThat(lake.resolve(Staging.ROOT)).as(where).doesNotExist();
            try (Stream<Path> files = Files.list(lake)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as(where).allMatch(name -> name.endsWith(extension) || name.equals("_hygge.lock"));
            }
        }
    }
}
