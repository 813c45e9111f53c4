package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.config.EntityLister;
import dev.hygge.testkit.CollectingStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names that try to leave their quotes (a schema, a table and columns holding quotes, semicolons,
 * dots, spaces and SQL) are written and read as themselves, every write strategy alike, and
 * nothing else in the database is touched; {@code entities: "*"} lists them and never a staging
 * or state table.
 */
@ExtendWith(PostgresServer.class)
class PostgresIdentifiersTest {
    static final String TABLE = "t'; DROP TABLE canary; --.x \"y\"";
    static final String NAME = "na\"me; DROP TABLE canary";
    String schema;

    @BeforeEach
    void createSchema() throws Exception {
        schema = PostgresServer.freshSchema("hygge_ident; x");
        PostgresServer.execute("CREATE TABLE \"" + schema + "\".canary (id int)");
    }

    @AfterEach
    void dropSchema() throws Exception {
        PostgresServer.dropSchema(schema);
    }

    @Test
    void hostileNamesAreWrittenAndReadAsThemselves() throws Exception {
        String qualified = "\"" + schema + "\".\"" + TABLE.replace("\"", "\"\"") + "\"";
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            for (String strategy : List.of("temp_swap", "merge", "direct_insert")) {
                {
                    Map<String, Object> store = new java.util.HashMap<>(Map.of("connection", "pg", "table",
                            "\"" + schema + "\".\"" + TABLE.replace("\"", "\"\"") + "\"", "write_strategy", strategy));
                    if (strategy.equals("merge")) {
                        store.put("keys", List.of("i\"d"));
                    }
                    hygge.flow("write").from(new HostileHome()).to("postgres", store).run();
                }
            }
            assertThat(PostgresRoundTripTest.query("SELECT count(*) FROM " + qualified)).containsExactly("6");
            assertThat(PostgresRoundTripTest.query("SELECT string_agg(attname, '|' ORDER BY attnum) FROM pg_attribute"
                    + " WHERE attrelid = to_regclass('" + qualified.replace("'", "''") + "') AND attnum > 0"))
                    .containsExactly("i\"d|" + NAME);
            CollectingStore back = new CollectingStore(1);
            hygge.flow("read").from("postgres", Map.of("connection", "pg", "table",
                    "\"" + schema + "\".\"" + TABLE.replace("\"", "\"\"") + "\"")).to(back).run();
            assertThat(back.committed()).hasSize(6).extracting(r -> r.get(1)).contains("a'b\"c; --");
        }
        assertThat(PostgresRoundTripTest.query("SELECT count(*) FROM \"" + schema + "\".canary")).containsExactly("0");
        assertThat(new PostgresEntityLister().entities(new EntityLister.Source(Map.of("table", "\"" + schema + "\".{entity}"),
                Optional.of(new EntityLister.NamedConnection("pg", "postgres", connectionOptions())))))
                .containsExactly("canary", TABLE);
    }

    /** A writer in another process (here: a session holding the table's advisory lock) makes a write wait, then fail naming it. */
    @Test
    void aWriterElsewhereHoldsTheTable() throws Exception {
        String table = "\"" + schema + "\".\"locked\"";
        try (java.sql.Connection other = PostgresServer.connect(); java.sql.Statement st = other.createStatement();
             Hygge hygge = PostgresServer.runtime("pg")) {
            st.execute("SELECT pg_advisory_lock(" + PostgresServerLock.key(table) + ")");
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hygge.flow("write").from(new HostileHome())
                    .to("postgres", Map.of("connection", "pg", "table", schema + ".locked"))
                    .lockTimeout(java.time.Duration.ofSeconds(1)).run())
                    .hasMessageContaining("another writer holds table " + table).hasMessageContaining("nothing was written");
            assertThat((System.nanoTime() - start) / 1e9).isBetween(0.9, 20.0);
            st.execute("SELECT pg_advisory_unlock_all()");
            hygge.flow("write").from(new HostileHome()).to("postgres", Map.of("connection", "pg", "table", schema + ".locked")).run();
        }
        assertThat(PostgresRoundTripTest.query("SELECT count(*) FROM " + "\"" + schema + "\".locked")).containsExactly("3");
    }

    private static Map<String, Object> connectionOptions() {
        return Map.of("host", "127.0.0.1", "database", "test", "user", "postgres");
    }

    /** Three rows of a schema whose column names hold quotes and SQL. */
    static final class HostileHome implements dev.hygge.spi.Home {
        static final Schema SCHEMA = new Schema(List.of(new Field("i\"d", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field(NAME, FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

        @Override
        public String describe() {
            return "hostile";
        }

        @Override
        public List<dev.hygge.spi.Split> splits() {
            return List.of(() -> "all");
        }

        @Override
        public ArrowReader open(dev.hygge.spi.Split split, BufferAllocator allocator) {
            return new ArrowReader(allocator) {
                private boolean done;

                @Override
                public boolean loadNextBatch() throws java.io.IOException {
                    prepareLoadNextBatch();
                    if (done) {
                        return false;
                    }
                    done = true;
                    VectorSchemaRoot root = getVectorSchemaRoot();
                    BigIntVector id = (BigIntVector) root.getVector(0);
                    VarCharVector name = (VarCharVector) root.getVector(1);
                    for (int i = 0; i < 3; i++) {
                        id.setSafe(i, i);
                        name.setSafe(i, (i == 1 ? "a'b\"c; --" : "row " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    root.setRowCount(3);
                    return true;
                }

                @Override
                public long bytesRead() {
                    return 0;
                }

                @Override
                protected void closeReadSource() {}

                @Override
                protected Schema readSchema() {
                    return SCHEMA;
                }
            };
        }
    }
}
