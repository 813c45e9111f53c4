package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.schema.SqlFieldMetadata;
import dev.hygge.spi.Split;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Home's JDBC → Arrow path (hygge-jdbc's reader with SQL Server's converter set) and its splits
 * over H2 in MODE=MSSQLServer: generic JDBC that H2 honestly shares with SQL Server (bracket quoting,
 * common types, datetime2(7), money). SQL Server's own type codes and names are tried on real values
 * in {@link MssqlTypeConvertersTest}, and against a real server by the end-to-end tests.
 */
class MssqlHomeTest {
    private final BufferAllocator allocator = new RootAllocator();
    private MssqlConnection pool;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        // SQL Server names are case-insensitive under its default collation; so are these.
        ds.setURL("jdbc:h2:mem:home" + System.nanoTime() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        pool = MssqlConnection.pooled("h2", ds, 4, 30_000, "h2");
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA crm");
            st.execute("CREATE TABLE crm.[Contact] (id BIGINT NOT NULL, name NVARCHAR(40), amount DECIMAL(12,2),"
                    + " born DATE, seen DATETIME2, active BIT, small SMALLINT, blob VARBINARY(16))");
            StringBuilder insert = new StringBuilder("INSERT INTO crm.[Contact] VALUES ");
            for (int i = 0; i < 1000; i++) {
                insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", ")
                        .append(i % 10 == 0 ? "NULL" : "N'näme ]" + i + " 😀'").append(", ")
                        .append(i % 7 == 0 ? "NULL" : (i * 3) + ".25").append(", DATE '2020-01-01' + ").append(i % 300)
                        .append(", TIMESTAMP '2024-03-31 01:30:00.123456', ").append(i % 2).append(", ").append(i % 100)
                        .append(", X'0A0B'").append(')');
            }
            st.execute(insert.toString());
        }
    }

    @AfterEach
    void tearDown() {
        pool.close();
        allocator.close();
    }

    private MssqlHomeOptions options() {
        MssqlHomeOptions options = new MssqlHomeOptions();
        options.connection = "h2";
        options.table = "crm.{entity}";
        options.entity = "Contact";
        options.batchSize = 128;
        return options;
    }

    private List<List<Object>> readAll(MssqlHome home, List<Split> splits, List<Field> schema) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (Split split : splits) {
            try (ArrowReader reader = home.open(split, allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                schema.clear();
                schema.addAll(root.getSchema().getFields());
                while (reader.loadNextBatch()) {
                    assertThat(root.getRowCount()).isLessThanOrEqualTo(128);
                    rows.addAll(dev.hygge.testkit.TestBatches.rows(root));
                }
            }
        }
        return rows;
    }

    @Test
    void readsATableAsArrowWithDeclaredSizesInMetadata() throws Exception {
        MssqlHome home = new MssqlHome(options().validate("Home"), pool);
        assertThat(home.describe()).isEqualTo("mssql h2 table crm.Contact");
        List<Split> splits = home.splits();
        assertThat(splits).hasSize(1);
        assertThat(((MssqlSplit) splits.get(0)).sql()).isEqualTo("SELECT * FROM [crm].[Contact]");
        List<Field> schema = new ArrayList<>();
        List<List<Object>> rows = readAll(home, splits, schema);
        assertThat(rows).hasSize(1000);
        assertThat(schema.get(0).getType().toString()).isEqualTo("Int(64, true)");
        assertThat(schema.get(0).isNullable()).isFalse();
        assertThat(schema.get(1).getType().toString()).isEqualTo("Utf8");
        assertThat(schema.get(1).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "40");
        assertThat(schema.get(2).getType().toString()).isEqualTo("Decimal(12, 2, 128)");
        assertThat(schema.get(2).getMetadata()).containsEntry(SqlFieldMetadata.PRECISION, "12").containsEntry(SqlFieldMetadata.SCALE, "2");
        assertThat(schema.get(3).getType().toString()).isEqualTo("Date(DAY)");
        assertThat(schema.get(4).getType().toString()).isEqualTo("Timestamp(MICROSECOND, null)");
        assertThat(schema.get(5).getType().toString()).isEqualTo("Bool");
        assertThat(schema.get(7).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "16");
        List<Object> row7 = rows.get(7);
        assertThat(row7.get(0)).isEqualTo(7L);
        assertThat(row7.get(1)).isEqualTo("näme ]7 😀");
        assertThat(row7.get(2)).isNull();
        assertThat(row7.get(3)).isEqualTo(18_262 + 7);
        assertThat(row7.get(4)).isEqualTo(java.time.LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_000));
        assertThat(row7.get(5)).isEqualTo(true);
        assertThat(rows.get(11).get(2)).isEqualTo(new BigDecimal("33.25"));
        assertThat(rows.get(10).get(1)).isNull();
    }

    @Test
    void readsThroughHyggeJdbcsReaderToTheHundredNanoseconds() throws Exception {
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE crm.[Times] (id INT NOT NULL, seen DATETIME2(7), at TIME(7), paid MONEY,"
                    + " instant TIMESTAMP(7) WITH TIME ZONE, tag UNIQUEIDENTIFIER)");
            st.execute("INSERT INTO crm.[Times] VALUES (1, '2024-03-31 01:30:00.1234567', '23:59:59.9999999', 12.3456,"
                    + " '2024-03-31 01:30:00.1234567+02:00', '0e984725-c51c-4bf4-9960-e1c80e27aba0')");
        }
        MssqlHomeOptions options = options();
        options.entity = "Times";
        MssqlHome home = new MssqlHome(options.validate("Home"), pool);
        try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
            assertThat(reader).isInstanceOf(dev.hygge.jdbc.arrow.ResultSetReader.class);
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getSchema().getFields()).extracting(f -> f.getType().toString()).containsExactly("Int(32, true)",
                    "Timestamp(NANOSECOND, null)", "Time(NANOSECOND, 64)", "Decimal(19, 4, 128)", "Timestamp(NANOSECOND, UTC)",
                    "Binary");
            assertThat(reader.loadNextBatch()).isTrue();
            java.time.LocalDateTime wall = java.time.LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_700);
            assertThat(root.getVector("seen").getObject(0)).isEqualTo(wall);
            assertThat(((org.apache.arrow.vector.TimeNanoVector) root.getVector("at")).get(0))
                    .isEqualTo(java.time.LocalTime.of(23, 59, 59, 999_999_900).toNanoOfDay());
            assertThat(root.getVector("paid").getObject(0)).isEqualTo(new BigDecimal("12.3456"));
            assertThat(((org.apache.arrow.vector.TimeStampVector) root.getVector("instant")).get(0))
                    .isEqualTo((wall.toEpochSecond(java.time.ZoneOffset.UTC) - 7_200) * 1_000_000_000L + 123_456_700);
            assertThat((byte[]) root.getVector("tag").getObject(0)).as("H2's UUID is binary(16): its bytes").hasSize(16)
                    .startsWith(0x0e, 0x98, 0x47, 0x25);
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    @Test
    void readsAQueryInPartitionsCoveringEveryRowOnce() throws Exception {
        MssqlHomeOptions options = options();
        options.table = null;
        options.query = "SELECT id, name FROM crm.[{entity}] WHERE id >= 100";
        options.partitionColumn = "id";
        options.partitions = 4;
        MssqlHome home = new MssqlHome(options.validate("Home"), pool);
        List<Split> splits = home.splits();
        assertThat(splits).hasSize(4);
        assertThat(((MssqlSplit) splits.get(0)).sql()).isEqualTo("SELECT * FROM (SELECT id, name FROM crm.[Contact]"
                + " WHERE id >= 100) AS [hygge_query] WHERE ([id] IS NULL OR [id] >= 100 AND [id] < 325)");
        assertThat(((MssqlSplit) splits.get(3)).sql()).endsWith("WHERE ([id] >= 775 AND [id] <= 999)");
        assertThat(splits.get(3).describe()).isEqualTo("mssql h2 query [id 775..999]");
        List<List<Object>> rows = readAll(home, splits, new ArrayList<>());
        assertThat(rows).hasSize(900);
        assertThat(rows.stream().map(r -> (Long) r.get(0)).distinct().count()).isEqualTo(900);
    }

    @Test
    void cutsSmallRangesIntoNoMoreSplitsThanKeys() {
        MssqlHomeOptions options = options();
        options.partitionColumn = "id";
        options.partitions = 8;
        MssqlHome home = new MssqlHome(options.validate("Home"), pool);
        List<Split> splits = home.ranges(BigInteger.valueOf(5), BigInteger.valueOf(7));
        assertThat(splits).extracting(Split::describe).containsExactly("mssql h2 table crm.Contact [id 5..6)",
                "mssql h2 table crm.Contact [id 6..7)", "mssql h2 table crm.Contact [id 7..7]");
    }

    @Test
    void refusesANonIntegerPartitionColumn() {
        MssqlHomeOptions options = options();
        options.partitionColumn = "name";
        options.partitions = 2;
        MssqlHome home = new MssqlHome(options.validate("Home"), pool);
        assertThatThrownBy(home::splits).isInstanceOf(ConfigException.class)
                .hasMessageContaining("partition_column 'name'").hasMessageContaining("integer column");
    }

    @Test
    void validatesOptions() {
        MssqlHomeOptions options = options();
        options.entity = null;
        assertThatThrownBy(() -> options.validate("Home 'mssql'")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("uses {entity}");
        options.entity = "x";
        options.query = "SELECT 1";
        assertThatThrownBy(() -> options.validate("Home 'mssql'")).hasMessageContaining("exactly one of 'table' or 'query'");
        options.query = null;
        options.partitions = 3;
        assertThatThrownBy(() -> options.validate("Home 'mssql'")).hasMessageContaining("needs partition_column");
    }
}
