package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.WatermarkFilter;
import dev.hygge.spi.WatermarkValues;
import dev.hygge.testkit.CollectingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files DuckDB's parquet reader refuses and Arrow readers read (stand-ins of the public corpus's,
 * {@link CorpusFiles}) are read with Arrow Dataset, per file, with the same columns, types and
 * values DuckDB gives for the same rows in a file it reads, the reason given as a flow warning.
 */
class ArrowDatasetReadTest {
    @TempDir
    Path dir;
    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    /** A flow of {@code path} (and {@code more} Home options) into a collecting Store. */
    private Collected copy(Path path, Map<String, Object> more) {
        Map<String, Object> options = new java.util.HashMap<>(more);
        options.put("path", path.toString());
        CollectingStore store = new CollectingStore(2);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            FlowResult result = hygge.flow("corpus").from("parquet", options).to(store).run();
            assertThat(result.succeeded()).as("%s", result.error()).isTrue();
            return new Collected(result, store);
        }
    }

    private record Collected(FlowResult result, CollectingStore store) {
        List<List<Object>> rows() {
            List<List<Object>> rows = new ArrayList<>(store.committed());
            rows.sort(java.util.Comparator.comparing(row -> String.valueOf(row.get(0))));
            return rows;
        }

        String schema() {
            return store.lastRequest().schema().toString();
        }
    }

    @Test
    void aHadoopLz4FileIsReadWithArrowDatasetAsDuckDbReadsTheSameRowsInSnappy() throws Exception {
        // hadoop_lz4_compressed_larger.parquet: codec LZ4 (Hadoop's framing), which DuckDB 1.4 does not decode
        Path lz4 = dir.resolve("lz4/hadoop_lz4.parquet");
        Path snappy = dir.resolve("snappy/twin.parquet");
        Files.createDirectories(lz4.getParent());
        Files.createDirectories(snappy.getParent());
        CorpusFiles.numbers(lz4, 20_000, CompressionCodecName.LZ4);
        CorpusFiles.numbers(snappy, 20_000, CompressionCodecName.SNAPPY);
        assertThat(RowGroups.read(openDuckDb(), List.of(lz4), null).get(lz4).rows()).as("several row groups").hasSizeGreaterThan(2);

        Collected read = copy(lz4, Map.of("split_rows", 5_000));
        Collected twin = copy(snappy, Map.of("split_rows", 5_000));
        assertThat(read.result().rowsRead()).isEqualTo(20_000).isEqualTo(read.result().rowsWritten());
        assertThat(read.schema()).isEqualTo(twin.schema());
        assertThat(read.rows()).isEqualTo(twin.rows());
        assertThat(read.result().warnings()).singleElement().asString()
                .contains(lz4.toString()).contains("Arrow Dataset").contains("LZ4");
        assertThat(twin.result().warnings()).isEmpty();
    }

    @Test
    void byteStreamSplitOnIntegersAndFixedLengthColumnsIsReadAsThePlainFile() throws Exception {
        // byte_stream_split_extended.gzip.parquet: BYTE_STREAM_SPLIT on INT32, INT64 and FIXED_LEN_BYTE_ARRAY
        Path split = dir.resolve("split/byte_stream_split_extended.gzip.parquet");
        Path plain = dir.resolve("plain/plain.gzip.parquet");
        Files.createDirectories(split.getParent());
        Files.createDirectories(plain.getParent());
        CorpusFiles.byteStreamSplit(split, true);
        CorpusFiles.byteStreamSplit(plain, false);
        assertThat(DuckDbCheck.query("SELECT DISTINCT encodings FROM parquet_metadata('" + split + "') WHERE path_in_schema = 'big'"))
                .as("the fixture is what it stands for").singleElement().asString().contains("BYTE_STREAM_SPLIT");

        Collected read = copy(split, Map.of());
        Collected twin = copy(plain, Map.of());
        assertThat(read.rows()).hasSize(200).isEqualTo(twin.rows());
        assertThat(read.schema()).isEqualTo(twin.schema()).contains("price: Decimal(9, 2").contains("half: FloatingPoint(SINGLE)");
        assertThat(read.result().warnings()).singleElement().asString().contains("BYTE_STREAM_SPLIT");
    }

    @Test
    void aMapWithoutValuesIsReadAsAListOfItsKeys() throws Exception {
        // map_no_value.parquet: DuckDB binds no MAP whose key_value group lacks a value ("requires two children")
        Path file = dir.resolve("map_no_value.parquet");
        CorpusFiles.mapNoValue(file);
        Collected read = copy(file, Map.of());
        assertThat(read.store().committed()).extracting(row -> row.subList(1, 3).toString())
                .containsExactly("[[1,2,3], [1,2,3]]", "[[4,5,6], [4,5,6]]", "[[7,8,9], [7,8,9]]");
        assertThat(read.schema()).contains("my_map_no_v: List<").contains("my_map: Map(");
        assertThat(read.result().warnings()).singleElement().asString().contains("MAP");
    }

    @Test
    void onlyTheRefusedFileOfAFolderIsReadWithArrowDatasetWithHiveColumnsAndAProjection() throws Exception {
        Path folder = dir.resolve("landing");
        Path refused = folder.resolve("region=eu/a.parquet");
        Path plain = folder.resolve("region=us/b.parquet");
        Files.createDirectories(refused.getParent());
        Files.createDirectories(plain.getParent());
        CorpusFiles.numbers(refused, 100, CompressionCodecName.LZ4);
        CorpusFiles.numbers(plain, 100, CompressionCodecName.SNAPPY);
        Collected read = copy(folder, Map.of("columns", List.of("region", "id", "value")));
        assertThat(read.schema()).startsWith("Schema<region: Utf8, id: Int(64, true)");
        assertThat(read.store().committed()).hasSize(200)
                .filteredOn(row -> row.get(1).equals(11L)).extracting(Object::toString)
                .containsExactlyInAnyOrder("[eu, 11, 5.5]", "[us, 11, 5.5]");
        assertThat(read.result().warnings()).singleElement().asString().contains(refused.toString());
    }

    @Test
    void aParquetCopyOfAFolderWithARefusedFileRunsTheArrowPathAndCopiesEveryRow() throws Exception {
        // the in-engine path reads with read_parquet: the LZ4 file (not the first) is found by its footer and probed first
        Path folder = dir.resolve("mixed");
        Files.createDirectories(folder);
        CorpusFiles.numbers(folder.resolve("a.parquet"), 300, CompressionCodecName.SNAPPY);
        CorpusFiles.numbers(folder.resolve("b.parquet"), 300, CompressionCodecName.LZ4);
        Path lake = dir.resolve("lake");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            FlowResult result = hygge.flow("mixed").from("parquet", Map.of("path", folder.toString()))
                    .to("parquet", Map.of("path", lake.toString())).run();
            assertThat(result.rowsWritten()).isEqualTo(600).isEqualTo(result.rowsRead());
            assertThat(result.warnings()).singleElement().asString().contains(folder.resolve("b.parquet").toString());
        }
        assertThat(DuckDbCheck.query("SELECT count(*), count(DISTINCT id), sum(value) FROM read_parquet('" + lake + "/**/*.parquet')"))
                .containsExactly(List.of(600L, 300L, DuckDbCheck.query("SELECT sum(value) * 2 FROM read_parquet('"
                        + folder.resolve("a.parquet") + "')").get(0).get(0)));
    }

    @Test
    void anIncrementalReadFiltersARefusedFileByTheWatermarkInEveryRowGroupRange() throws Exception {
        Path file = dir.resolve("hadoop_lz4_compressed_larger.parquet");
        CorpusFiles.numbers(file, 20_000, CompressionCodecName.LZ4);
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.path = file.toString();
        options.splitRows = 4_000;
        List<Long> ids = new ArrayList<>();
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options, null)) {
            BigIntVector bound = new BigIntVector("id", allocator);
            bound.allocateNew(1);
            bound.set(0, 15_000);
            bound.setValueCount(1);
            home.restrict(new WatermarkFilter("id", Optional.of(WatermarkValues.read(bound, 0)), false));
            bound.close();
            List<Split> splits = home.splits();
            assertThat(splits).as("the row group ranges before the watermark left out by their statistics").hasSizeBetween(1, 3);
            for (Split split : splits) {
                try (ArrowReader reader = home.open(split, allocator)) {
                    while (reader.loadNextBatch()) {
                        BigIntVector id = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                        for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                            ids.add(id.get(i));
                        }
                    }
                }
            }
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(LongStream.range(15_001, 20_000).boxed().toList());
    }

    @Test
    void aCorruptFileStillFailsWithDuckDbsMessage() throws Exception {
        Path file = dir.resolve("corrupt.parquet");
        CorpusFiles.numbers(file, 2_000, CompressionCodecName.SNAPPY);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 200; i < 600; i++) {
            bytes[i] = (byte) 0x5a; // pages overwritten, the footer intact
        }
        Files.write(file, bytes);
        CollectingStore store = new CollectingStore(1);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThatThrownBy(() -> hygge.flow("corrupt").from("parquet", Map.of("path", file.toString())).to(store).run())
                    .hasMessageContaining(file.toString()).hasMessageContaining("Snappy decompression failure")
                    .satisfies(e -> assertThat(e.getCause().getSuppressed()).as("Arrow Dataset not tried").isEmpty());
        }
        assertThat(store.commits()).isZero();
    }

    @Test
    void anEncryptedFileIsNamedSoAndNotCalledNotParquet() throws Exception {
        Path file = dir.resolve("uniform_encryption.parquet");
        CorpusFiles.encrypted(file);
        assertThatThrownBy(() -> ParquetFiles.check(file)).isInstanceOf(HomeException.class)
                .hasMessage(file + " is an encrypted parquet file (PARE); hygge cannot read encrypted parquet: decrypt it first");
    }

    private DuckDb openDuckDb() {
        DuckDb duckdb = DuckDb.open(1, "256MB");
        opened.add(duckdb);
        return duckdb;
    }

    private final List<DuckDb> opened = new ArrayList<>();

    @AfterEach
    void closeDuckDb() {
        opened.forEach(DuckDb::close);
    }
}
