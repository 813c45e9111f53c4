package dev.hygge.jdbc.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.jdbc.pool.JdbcPool;
import dev.hygge.jdbc.pool.PoolOptions;
import dev.hygge.schema.InferredSchema;
import dev.hygge.schema.SchemaInference;
import dev.hygge.schema.SqlFieldMetadata;
import dev.hygge.schema.StandardTypeMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class ResultSetReaderTest {

    @Test
    void declaredLengthsTravelInFieldMetadataAndWinInInference() throws Exception {
        PoolOptions options = new PoolOptions();
        options.url = "jdbc:h2:mem:reader;DB_CLOSE_DELAY=-1";
        try (JdbcPool pool = JdbcPool.open("h2", options); BufferAllocator allocator = new RootAllocator()) {
            try (Connection c = pool.open(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE people (id BIGINT NOT NULL, email VARCHAR(320), code CHAR(3), note CLOB,"
                        + " balance NUMERIC(10,2))");
                st.execute("INSERT INTO people SELECT x, 'p' || x || '@example.com', 'abc', NULL, x * 1.5"
                        + " FROM SYSTEM_RANGE(1, 2500)");
            }
            Connection c = pool.open();
            Statement st = c.createStatement();
            try (ResultSetReader reader = ResultSetReader.of(st.executeQuery("SELECT * FROM people ORDER BY id"), allocator,
                    1_000, st, c)) {
                List<Field> fields = reader.getVectorSchemaRoot().getSchema().getFields();
                assertThat(fields.get(1).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "320")
                        .containsEntry(SqlFieldMetadata.TYPE, "CHARACTER VARYING");
                assertThat(fields.get(2).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "3");
                assertThat(fields.get(3).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "max");
                assertThat(fields.get(4).getMetadata()).containsEntry(SqlFieldMetadata.PRECISION, "10")
                        .containsEntry(SqlFieldMetadata.SCALE, "2");
                long rows = 0;
                int batches = 0;
                VectorSchemaRoot first = null;
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    rows += root.getRowCount();
                    batches++;
                    if (first == null) {
                        assertThat(root.getVector("EMAIL").getObject(0)).hasToString("p1@example.com");
                        first = root;
                    }
                }
                assertThat(rows).isEqualTo(2_500);
                assertThat(batches).isEqualTo(3);

                InferredSchema decided = SchemaInference.builder(new StandardTypeMapper()).build()
                        .infer(reader.getVectorSchemaRoot().getSchema(), List.of());
                assertThat(decided.columns()).extracting(col -> col.type().ddl())
                        .containsExactly("BIGINT", "VARCHAR(320)", "VARCHAR(3)", "TEXT", "NUMERIC(10,2)");
            }
            assertThat(c.isClosed()).isTrue();
        }
    }

    @Test
    void poolOptionsAreChecked() {
        PoolOptions options = new PoolOptions();
        assertThatThrownBy(() -> JdbcPool.open("w", options)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection 'w'").hasMessageContaining("'url' is required");
        options.url = "sqlserver://x";
        assertThatThrownBy(() -> JdbcPool.open("w", options)).hasMessageContaining("must start with jdbc:");
    }
}
