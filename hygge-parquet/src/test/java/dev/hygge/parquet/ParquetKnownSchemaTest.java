package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.Split;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema the parquet Home knows without opening a split (its first file's export, narrowed, with the
 * footers' facts) is exactly the schema its first split opens with: over every type of the type table, a
 * file with required columns, float16, fixed binary, field ids and key/value metadata, hive folders, a
 * projection; and none is claimed when the first split reads another file than the one described.
 */
class ParquetKnownSchemaTest {
    @TempDir
    Path dir;

    @Test
    void everyTypeOfTheTypeTable() throws Exception {
        Path file = dir.resolve("types.parquet");
        DuckDbCheck.execute("COPY (" + EnginePathTest.TYPES + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        assertKnownIsOpened(options(file.toString(), 1_000), true);
    }

    @Test
    void requiredFloat16FixedBinaryFieldIdsAndKeyValues() throws Exception {
        Path file = dir.resolve("meaning.parquet");
        MeaningFixture.write(file, 500);
        Schema known = assertKnownIsOpened(options(file.toString(), 10_000), true).orElseThrow();
        assertThat(known.getFields()).anySatisfy(f -> assertThat(f.isNullable()).isFalse());
        assertThat(known.getCustomMetadata()).isNotEmpty();
    }

    @Test
    void hiveFoldersAndAProjection() throws Exception {
        Files.createDirectories(dir.resolve("hive/region=eu"));
        Files.createDirectories(dir.resolve("hive/region=us"));
        DuckDbCheck.execute("COPY (SELECT i AS id, 'x' || i AS label, i / 3.0 AS v FROM range(100) t(i)) TO '"
                + dir.resolve("hive/region=eu/a.parquet") + "' (FORMAT parquet)");
        DuckDbCheck.execute("COPY (SELECT i AS id, 'y' || i AS label, i / 7.0 AS v FROM range(50) t(i)) TO '"
                + dir.resolve("hive/region=us/b.parquet") + "' (FORMAT parquet)");
        assertKnownIsOpened(options(dir.resolve("hive").toString(), 10_000), true);
        ParquetHomeOptions projected = options(dir.resolve("hive").toString(), 10_000);
        projected.columns = List.of("label", "region");
        Schema known = assertKnownIsOpened(projected, true).orElseThrow();
        assertThat(known.getFields()).extracting(f -> f.getName()).containsExactly("label", "region");
    }

    /**
     * An incremental read whose first file holds nothing new has no split of it: the first split reads the
     * second file, whose columns were not read, so none is claimed (the split is opened for the schema).
     */
    @Test
    void noneWhenTheFirstSplitReadsAnotherFile() throws Exception {
        Files.createDirectories(dir.resolve("two"));
        DuckDbCheck.execute("COPY (SELECT i AS id, i::INTEGER AS narrow FROM range(10) t(i)) TO '" + dir.resolve("two/a.parquet")
                + "' (FORMAT parquet)");
        DuckDbCheck.execute("COPY (SELECT i AS id, i AS narrow FROM range(10, 20) t(i)) TO '" + dir.resolve("two/b.parquet")
                + "' (FORMAT parquet)");
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options(dir.resolve("two").toString(), 10_000), null)) {
            assertThat(home.knownSchema()).as("before the splits").isEmpty();
            home.restrict(new WatermarkFilter("id", Optional.of(Watermark.of(9L)), false));
            List<Split> splits = home.splits();
            assertThat(splits).singleElement().satisfies(s -> assertThat(((ParquetSplit) s).file()).endsWith("b.parquet"));
            assertThat(home.knownSchema()).isEmpty();
        }
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options(dir.resolve("two").toString(), 10_000), null)) {
            home.restrict(new WatermarkFilter("id", Optional.of(Watermark.of(5L)), false));
            List<Split> splits = home.splits();
            assertThat(((ParquetSplit) splits.get(0)).file()).endsWith("a.parquet");
            assertThat(home.knownSchema()).as("an incremental read of the first file").contains(opened(home, splits.get(0)));
        }
    }

    /** The Home's known schema after its splits, checked against its first split's open; whether it is present as {@code present}. */
    private static Optional<Schema> assertKnownIsOpened(ParquetHomeOptions options, boolean present) throws Exception {
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options, null)) {
            List<Split> splits = home.splits();
            Optional<Schema> known = home.knownSchema();
            assertThat(known.isPresent()).isEqualTo(present);
            for (Split split : splits) {       // every split opens with it (the files share their columns here)
                assertThat(known).contains(opened(home, split));
            }
            return known;
        }
    }

    private static Schema opened(ParquetHome home, Split split) throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); ArrowReader reader = home.open(split, allocator)) {
            return reader.getVectorSchemaRoot().getSchema();
        }
    }

    private static ParquetHomeOptions options(String path, long splitRows) {
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.path = path;
        options.splitRows = splitRows;
        return options;
    }
}
