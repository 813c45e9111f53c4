package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.spi.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A GeoParquet file (a WKB column and the footer's {@code geo} key, as GeoPandas, GDAL and DuckDB
 * write it) loads into a DuckDB table as the WKB bytes, on both paths. DuckDB 1.5 reads such a
 * column as {@code GEOMETRY}, which casts to no {@code BLOB} column and which its Arrow export
 * fails on; the DuckDB Store's database reads it as the binary it is, as DuckDB 1.4 did.
 */
class GeoParquetIntoDuckDbTest {
    /** POINT(1 2) and LINESTRING(0 0, 1 1) in WKB (little-endian), and a NULL. */
    private static final List<String> WKB = Arrays.asList("0101000000000000000000F03F0000000000000040",
            "01020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F", null);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "arrowPath={0}")
    @ValueSource(booleans = {false, true})
    void aGeoParquetColumnLoadsAsItsWkbBytes(boolean arrowPath) {
        Path file = dir.resolve("places.parquet");
        DuckDb.execute(dir.resolve("fixture.duckdb"), "COPY (SELECT * FROM (VALUES (0, unhex('" + WKB.get(0) + "')), (1, unhex('"
                + WKB.get(1) + "')), (2, NULL)) v(id, geom)) TO '" + file + "' (FORMAT parquet, KV_METADATA {'geo':"
                + " '{\"version\":\"1.0.0\",\"primary_column\":\"geom\",\"columns\":{\"geom\":{\"encoding\":\"WKB\","
                + "\"geometry_types\":[\"Point\",\"LineString\"]}}}'})");
        Path database = dir.resolve("w.duckdb");

        FlowResult result;
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().home(new ParquetHomeFactory())
                .store(new DuckDbStoreFactory()).build()).progressInterval(null).build()) {
            result = hygge.flow("places").from("parquet", Map.of("path", file.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "places")).arrowPath(arrowPath).run();
        }

        assertThat(result.rowsWritten()).isEqualTo(3);
        assertThat(DuckDb.query(database, "SELECT data_type FROM information_schema.columns WHERE table_name = 'places'"
                + " AND column_name = 'geom'")).containsExactly(List.of("BLOB"));
        List<Object> hex = new ArrayList<>();
        DuckDb.query(database, "SELECT hex(geom) FROM places ORDER BY id").forEach(row -> hex.add(row.get(0)));
        assertThat(hex).containsExactlyElementsOf(WKB);
    }
}
