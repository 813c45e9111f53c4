package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GeoParquet files, as GeoPandas, GDAL and DuckDB write them: a WKB {@code BYTE_ARRAY} column and
 * the {@code geo} key in the footer. DuckDB 1.5 reads such a column as its own {@code GEOMETRY}
 * type, which neither its Arrow export (an internal error) nor a cast to {@code BLOB} handles;
 * hygge reads it as the WKB bytes it is, on both paths, and writes the {@code geo} key back, so
 * a copy is a GeoParquet file again.
 */
class GeoParquetTest {
    /** POINT(1 2), POINT(3 4), LINESTRING(0 0, 1 1) in WKB (little-endian), and a NULL. */
    static final List<String> WKB = List.of(
            "0101000000000000000000F03F0000000000000040",
            "010100000000000000000008400000000000001040",
            "01020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F");
    static final String GEO = "{\"version\":\"1.0.0\",\"primary_column\":\"geom\",\"columns\":{\"geom\":{\"encoding\":\"WKB\","
            + "\"geometry_types\":[\"Point\",\"LineString\"]}}}";

    @TempDir
    Path dir;

    /** Writes a GeoParquet file of {@link #WKB}'s three rows and a NULL, with the {@code geo} key. */
    static Path geoParquet(Path file) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < WKB.size(); i++) {
            rows.append("(").append(i).append(", unhex('").append(WKB.get(i)).append("')), ");
        }
        rows.append("(").append(WKB.size()).append(", NULL)");
        DuckDbCheck.execute("COPY (SELECT * FROM (VALUES " + rows + ") v(id, geom)) TO " + DuckDb.literal(file.toString())
                + " (FORMAT parquet, KV_METADATA {'geo': " + DuckDb.literal(GEO) + "})");
        return file;
    }

    /** The {@code geom} column's bytes in hex, by id: read as plain binary, whatever DuckDB would make of the geo key. */
    static List<String> wkb(String parquet) {
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement()) {
            s.execute("SET enable_geoparquet_conversion = false");
            List<String> hex = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT hex(geom) FROM read_parquet(" + DuckDb.literal(parquet) + ") ORDER BY id")) {
                while (r.next()) {
                    hex.add(r.getString(1));
                }
            }
            return hex;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "arrowPath={0}")
    @ValueSource(booleans = {false, true})
    void aGeoParquetCopyKeepsTheWkbAndTheGeoKey(boolean arrowPath) {
        Path source = geoParquet(dir.resolve("places.parquet"));
        Path copy = dir.resolve("copy");

        FlowResult result;
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            result = hygge.flow("places").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", copy.toString())).arrowPath(arrowPath).run();
        }

        assertThat(result.rowsWritten()).isEqualTo(4);
        String written = copy + "/*.parquet";
        assertThat(wkb(written)).containsExactly(WKB.get(0), WKB.get(1), WKB.get(2), null);
        assertThat(DuckDbCheck.query("SELECT decode(value) FROM parquet_kv_metadata(" + DuckDb.literal(written)
                + ") WHERE decode(key) = 'geo'")).containsExactly(List.of(GEO));
        assertThat(DuckDbCheck.query("SELECT type FROM parquet_schema(" + DuckDb.literal(written) + ") WHERE name = 'geom'"))
                .containsExactly(List.of("BYTE_ARRAY"));
    }
}
