package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The footers of several files read by one {@code parquet_metadata} query: each file's own row
 * groups (names with glob characters included, a file without row groups empty), the statistics
 * test per row group, and a damaged footer named among good files.
 */
class RowGroupsTest {
    @TempDir
    Path dir;
    private final DuckDb duckdb = DuckDb.open(1, "256MB");

    @AfterEach
    void tearDown() {
        duckdb.close();
    }

    /** {@code rows} rows of ids from {@code first}, in row groups of {@code groupSize}. */
    private Path file(String name, long first, long rows, int groupSize) {
        Path file = dir.resolve(name);
        DuckDbCheck.execute("COPY (SELECT range AS id FROM range(" + first + ", " + (first + rows) + ")) TO "
                + DuckDb.fileLiteral(file.toString()) + " (FORMAT parquet, ROW_GROUP_SIZE " + groupSize + ")");
        return file;
    }

    @Test
    void eachFileGetsItsOwnRowGroupsFromOneQuery() {
        Path a = file("a[1].parquet", 0, 5000, 2048);
        Path b = file("b*.parquet", 5000, 3000, 2048);
        Path empty = dir.resolve("empty.parquet");
        DuckDbCheck.execute("COPY (SELECT 1::BIGINT AS id WHERE false) TO '" + empty + "' (FORMAT parquet)");
        Path c = file("c.parquet", 8000, 100, 2048);

        Map<Path, RowGroups.File> groups = RowGroups.read(duckdb, List.of(a, b, empty, c), null);

        assertThat(groups.keySet()).containsExactly(a, b, empty, c);
        assertThat(groups.get(a).rows()).containsExactly(2048L, 2048L, 904L);
        assertThat(groups.get(b).rows()).containsExactly(2048L, 952L);
        assertThat(groups.get(empty).rows()).as("no row group").isEmpty();
        assertThat(groups.get(c).rows()).containsExactly(100L);
        assertThat(groups.values()).allSatisfy(f -> assertThat(f.qualifies()).allMatch(q -> q));
        assertThat(groups.get(a).bytesPerRow()).isPositive();
    }

    @Test
    void theStatisticsTestIsAnsweredPerRowGroupOfEachFile() {
        Path a = file("a.parquet", 0, 5000, 2048);
        Path b = file("b.parquet", 5000, 3000, 2048);
        Field id = new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null);
        ParquetWatermark after4500 = ParquetWatermark.of(id, "BIGINT",
                new WatermarkFilter("id", Optional.of(Watermark.of(4500)), false), false, "test");

        Map<Path, RowGroups.File> groups = RowGroups.read(duckdb, List.of(a, b), after4500);

        assertThat(groups.get(a).qualifies()).as("only a's last row group (4096..4999) holds ids > 4500")
                .containsExactly(false, false, true);
        assertThat(groups.get(b).qualifies()).containsExactly(true, true);
    }

    @Test
    void aDamagedFooterAmongGoodFilesIsNamed() throws Exception {
        Path a = file("a.parquet", 0, 100, 2048);
        Path bad = dir.resolve("b-bad.parquet");
        byte[] junk = "PAR1 not a footer at all".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(junk.length - 8)
                .put("PAR1".getBytes(StandardCharsets.US_ASCII));
        Files.write(bad, concat(junk, tail.array()));
        Path c = file("c.parquet", 100, 100, 2048);
        List<Path> files = new ArrayList<>(List.of(a, bad, c));
        IntStream.range(0, 3).forEach(i -> files.add(file("more-" + i + ".parquet", 1000L * i, 10, 2048)));

        assertThatThrownBy(() -> RowGroups.read(duckdb, files, null)).isInstanceOf(HomeException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("write the file again")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(a.toString()).doesNotContain(c.toString()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
