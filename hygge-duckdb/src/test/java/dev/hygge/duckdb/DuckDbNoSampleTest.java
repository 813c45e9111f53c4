package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.Options;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB's types follow from the Arrow fields alone (text is VARCHAR whatever its length), so a write that
 * creates or replaces a table reads no inference sample: the in-engine copy no longer reads ~370k rows through
 * Arrow only to set them aside. A decimal wider than 38 digits still asks for the digits its values need.
 */
class DuckDbNoSampleTest {
    @TempDir
    Path dir;

    @Test
    void onlyADecimalWiderThanDuckDbsReadsTheSample() {
        DuckDbTypeMapper mapper = new DuckDbTypeMapper();
        assertThat(TestBatches.benchmark().schema().getFields()).noneMatch(mapper::readsSample);
        assertThat(mapper.readsSample(field(new ArrowType.Decimal(18, 2, 128)))).isFalse();
        assertThat(mapper.readsSample(field(new ArrowType.Decimal(40, 2, 256)))).isTrue();
    }

    @Test
    void aNewOrReplacedTableOfSuchFieldsReadsNoSample() {
        try (Hygge hygge = runtime()) {
            Schema plain = TestBatches.benchmark().schema();
            Schema wide = new Schema(List.of(field(new ArrowType.Int(64, true)), field(new ArrowType.Decimal(40, 2, 256))));
            for (String ifExists : List.of("fail", "append", "replace")) {
                try (DuckDbStore store = store(hygge, ifExists)) {
                    assertThat(store.needsSample(request(plain))).as(ifExists).isFalse();
                    assertThat(store.needsSample(request(wide))).as(ifExists + ", decimal(40,2)").isTrue();
                }
            }
        }
    }

    /** {@code hygge debug} shows the plan the run makes: for a new table of such fields, no sample read. */
    @Test
    void thePlanOfANewTableReadsNoSampleEither() {
        Path source = dir.resolve("s.parquet");
        Path database = dir.resolve("p.duckdb");
        DuckDb.execute(database, "COPY (SELECT i AS id, 'n' || i AS name FROM range(500) t(i)) TO '" + source
                + "' (FORMAT parquet)");
        try (Hygge hygge = Hygge.builder().plugins(dev.hygge.spi.Plugins.builder().home(new dev.hygge.parquet.ParquetHomeFactory())
                .store(new DuckDbStoreFactory()).build()).progressInterval(null).build()) {
            dev.hygge.FlowPlan plan = hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "t")).build());
            assertThat(plan.describe()).contains("table main.t (new)").contains("(0 row(s) sampled)")
                    .doesNotContain("500 row(s) sampled");
        }
    }

    private Hygge runtime() {
        return Hygge.builder().plugins(dev.hygge.spi.Plugins.builder().connection(new DuckDbConnectionFactory()).build())
                .connection("wh", "duckdb", Map.of("path", dir.resolve("w.duckdb").toString())).progressInterval(null).build();
    }

    private static DuckDbStore store(Hygge hygge, String ifExists) {
        return new DuckDbStoreFactory().create(Options.bind(Map.of("connection", "wh", "table", "orders", "if_exists", ifExists),
                DuckDbStoreOptions.class, "test"), hygge.context());
    }

    private static WriteRequest request(Schema schema) {
        return new WriteRequest("f", Optional.empty(), schema, 1, List.of(), "run-1");
    }

    private static Field field(ArrowType type) {
        return new Field("c" + type.getTypeID(), FieldType.nullable(type), null);
    }
}
