package dev.hygge.parquet.bench;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What landing a table through the Open Mirroring Store costs against the parquet Store writing the same
 * rows to the same disk, one step per JVM (source made by {@link CsvBench}'s {@code generate}):
 *
 * <pre>{@code
 * java ... dev.hygge.parquet.bench.OpenMirroringBench parquet work/source.parquet work/out-parquet
 * java ... dev.hygge.parquet.bench.OpenMirroringBench mirror  work/source.parquet work/out-mirror
 * }</pre>
 *
 * <p>Both read the source with the parquet Home; {@code mirror} adds {@code __rowMarker__}, encodes into a spool,
 * stages the files and renames them into {@code <out>/m/Files/LandingZone/bench/}. Prints
 * {@code seconds=… rows=… rss_mb=…} as {@link CsvBench} does.
 */
public final class OpenMirroringBench {
    private OpenMirroringBench() {}

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[1]).toAbsolutePath();
        Path target = Path.of(args[2]).toAbsolutePath();
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        long start = System.nanoTime();
        long rows;
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            Map<String, Object> to = args[0].equals("mirror")
                    ? Map.of("path", target.toString(), "mirror_name", "m", "key_columns", List.of("id"))
                    : Map.of("path", target.toString());
            FlowResult result = hygge.flow("bench").from("parquet", Map.of("path", source.toString()))
                    .to(args[0].equals("mirror") ? "open_mirroring" : "parquet", to).run();
            rows = result.rowsWritten();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, dev.hygge.testkit.PeakRss.mb());
    }
}
