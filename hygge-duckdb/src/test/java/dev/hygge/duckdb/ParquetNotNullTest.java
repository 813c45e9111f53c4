package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.spi.Plugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parquet file's REQUIRED columns reach a DuckDB table created by inference as NOT NULL (the
 * parquet Home says so on its Arrow schema; the shared planner turns a non-nullable field into
 * NOT NULL), OPTIONAL ones stay nullable, and {@code schema_overrides} can still say NULL.
 */
class ParquetNotNullTest {
    @TempDir
    Path dir;

    @Test
    void requiredParquetColumnsBecomeNotNullInInferredDdl() throws Exception {
        Path file = dir.resolve("orders.parquet");
        write(file);
        Path database = dir.resolve("w.duckdb");

        try (Hygge hygge = runtime()) {
            hygge.flow("orders").from("parquet", Map.of("path", file.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "orders")).run();
            hygge.flow("overridden").from("parquet", Map.of("path", file.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "overridden",
                            "schema_overrides", Map.of("code", "VARCHAR NULL"))).run();
        }

        assertThat(nullability(database, "orders")).containsExactly(
                List.of("id", "NO"), List.of("code", "NO"), List.of("note", "YES"));
        assertThat(nullability(database, "overridden")).containsExactly(
                List.of("id", "NO"), List.of("code", "YES"), List.of("note", "YES"));
        assertThat(DuckDb.count(database, "orders")).isEqualTo(100);
        assertThatThrownBy(() -> DuckDb.execute(database, "INSERT INTO orders VALUES (1, NULL, 'x')"))
                .hasMessageContaining("NOT NULL");
    }

    private static List<List<Object>> nullability(Path database, String table) {
        return DuckDb.query(database, "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = '"
                + table + "' ORDER BY ordinal_position");
    }

    private static void write(Path file) throws Exception {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).named("id")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("code")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("note")
                .named("orders");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(schema).withConf(new Configuration()).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (int i = 0; i < 100; i++) {
                Group row = groups.newGroup().append("id", (long) i).append("code", "c" + i);
                if (i % 3 == 0) {
                    row.append("note", "n" + i);
                }
                writer.write(row);
            }
        }
    }

    private static Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new ParquetHomeFactory()).store(new DuckDbStoreFactory())
                        .connection(new DuckDbConnectionFactory()).build())
                .progressInterval(null).build();
    }
}
