package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.testkit.CollectingStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files of every type DuckDB writes, with every codec and both page versions, go through
 * hygge (parquet Home → Arrow → parquet Store) and DuckDB reads the copy back with the same row
 * count, the same column types and the same checksum per column.
 */
class ParquetTypesTest {
    static final String ALL_TYPES = "SELECT i AS id,"
            + " (i % 128)::TINYINT AS i8, ((i * 7) % 32000 - 16000)::SMALLINT AS i16, (i * 65537 - 100000000)::INTEGER AS i32, (i * 4294967311)::BIGINT AS i64,"
            + " (i % 256)::UTINYINT AS u8, (i * 13)::USMALLINT AS u16, (i * 65537)::UINTEGER AS u32,"
            + " (18446744073709551615 - i)::UBIGINT AS u64, (i::HUGEINT * 1000000000000)::HUGEINT AS i128,"
            + " (i / 3.0)::FLOAT AS f32, (i / 7.0)::DOUBLE AS f64,"
            + " (i / 100)::DECIMAL(9,2) AS dec_int32, (i / 100)::DECIMAL(18,2) AS dec_int64, (i / 7)::DECIMAL(38,10) AS dec_fixed,"
            + " 'row ' || i || ' ærø 😀' AS str, ('x' || i)::BLOB AS bin,"
            + " DATE '1970-01-01' + (i % 30000)::INTEGER AS day, make_time(i % 24, i % 60, (i % 60)::DOUBLE + 0.123456) AS tod,"
            + " make_timestamp(1600000000000000 + i * 1000003) AS ts_us,"
            + " epoch_ms(1600000000000 + i * 1003)::TIMESTAMP_MS AS ts_ms,"
            + " make_timestamp_ns(1600000000000000000 + i * 1000000007) AS ts_ns,"
            + " make_timestamptz(1600000000000000 + i * 1000003) AS ts_utc,"
            + " i % 3 = 0 AS flag, NULL::INTEGER AS all_null,"
            + " CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1, NULL] END AS list_col,"
            + " {'a': i, 'b': 'v' || i, 'c': [i::DOUBLE]} AS struct_col,"
            + " MAP {'k' || (i % 3): i} AS map_col,"
            + " ['red', 'green', 'blue'][i % 3 + 1]::ENUM('red', 'green', 'blue') AS enum_col"
            + " FROM range(5000) t(i)";

    @TempDir
    Path dir;

    private Map<String, Object> copyAndCompare(Path source, String compression) {
        Path target = dir.resolve("out-" + source.getFileName());
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("t").from("parquet", Map.of("path", source.toString(), "batch_size", 1_000))
                    .to("parquet", Map.of("path", target.toString(), "compression", compression)).run();
        }
        Map<String, Object> expected = DuckDbCheck.checksums(source.toString());
        Map<String, Object> actual = DuckDbCheck.checksums(target + "/*.parquet");
        assertThat(actual).isEqualTo(expected);
        return actual;
    }

    @Test
    void everyTypeRoundTripsWithEqualChecksums() {
        Path source = dir.resolve("types.parquet");
        DuckDbCheck.execute("COPY (" + ALL_TYPES + ") TO '" + source + "' (FORMAT parquet)");
        Map<String, Object> sums = copyAndCompare(source, "snappy");
        assertThat(sums).containsEntry("rows", 5000L);
    }

    @Test
    void everyCodecAndBothPageVersionsAreRead() {
        for (String codec : List.of("snappy", "gzip", "zstd", "lz4_raw", "brotli", "uncompressed")) {
            for (String version : List.of("V1", "V2")) {
                Path source = dir.resolve(codec + "-" + version + ".parquet");
                DuckDbCheck.execute("COPY (" + ALL_TYPES + ") TO '" + source + "' (FORMAT parquet, COMPRESSION " + codec
                        + ", PARQUET_VERSION " + version + ", ROW_GROUP_SIZE 2048)");
                copyAndCompare(source, "zstd");
            }
        }
    }

    @Test
    void arrowTypesAsTheStoresDownstreamSeeThem() {
        Path source = dir.resolve("types.parquet");
        DuckDbCheck.execute("COPY (" + ALL_TYPES + ") TO '" + source + "' (FORMAT parquet)");
        CollectingStore store = new CollectingStore(1);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("t").from("parquet", Map.of("path", source.toString())).to(store).run();
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Field field : store.lastRequest().schema().getFields()) {
            types.put(field.getName(), field.getType().toString());
        }
        assertThat(types).containsEntry("u8", "Int(8, false)").containsEntry("u64", "Int(64, false)")
                .containsEntry("dec_int32", "Decimal(9, 2, 128)").containsEntry("dec_fixed", "Decimal(38, 10, 128)")
                .containsEntry("ts_ms", "Timestamp(MICROSECOND, null)").containsEntry("ts_ns", "Timestamp(NANOSECOND, null)")
                .containsEntry("ts_utc", "Timestamp(MICROSECOND, UTC)").containsEntry("tod", "Time(MICROSECOND, 64)")
                .containsEntry("bin", "Binary").containsEntry("str", "Utf8").containsEntry("list_col", "List")
                .containsEntry("struct_col", "Struct").containsEntry("map_col", "Map(false)");
        assertThat(store.committed()).hasSize(5000);
        assertThat(store.committed().get(7).get(0)).isEqualTo(7L);
    }

    @Test
    void wideLongAndNullColumns() {
        StringBuilder wide = new StringBuilder("SELECT i AS id");
        for (int c = 1; c < 1000; c++) {
            wide.append(", i + ").append(c).append(" AS c").append(c);
        }
        Path widePath = dir.resolve("wide.parquet");
        DuckDbCheck.execute("COPY (" + wide + " FROM range(300) t(i)) TO '" + widePath + "' (FORMAT parquet)");
        assertThat(copyAndCompare(widePath, "snappy")).containsEntry("rows", 300L).containsKey("c999");

        Path longPath = dir.resolve("long.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, repeat(chr(65 + i::INTEGER), 1048576) AS megabyte, NULL::VARCHAR AS nothing"
                + " FROM range(5) t(i)) TO '" + longPath + "' (FORMAT parquet)");
        assertThat(copyAndCompare(longPath, "snappy")).containsEntry("rows", 5L).hasEntrySatisfying("nothing", sum -> assertThat(sum.toString()).endsWith("/0"));
    }
}
