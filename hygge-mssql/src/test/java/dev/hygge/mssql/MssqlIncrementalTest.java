package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.Split;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL Server Home's incremental pushdown without a server: the SQL of the table read, of the
 * partition range and of each key-range split, run over H2 (MODE=MSSQLServer) through statements
 * that record what was bound, so both the rows and the parameter types and values are checked;
 * SQL Server's own types ({@code datetimeoffset}, {@code datetime}) are bound to a recording
 * statement as the driver's metadata describes them, with the driver's real classes.
 * {@code MssqlRoundTripIT} runs the same against a real server.
 */
class MssqlIncrementalTest {
    private static final LocalDateTime BASE = LocalDateTime.of(2024, 3, 31, 1, 30, 0, 100);
    private final BufferAllocator allocator = new RootAllocator();
    private final RecordingDataSource recording = new RecordingDataSource();
    private MssqlConnection pool;

    /** Row i: seen = BASE + i × 100 ns (NULL when i % 50 == 0), amount = i × 0.25, born = 2020-01-01 + i days, name 'n' + i. */
    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:incr" + System.nanoTime() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        pool = MssqlConnection.pooled("h2", recording.over(ds), 4, 30_000, "h2");
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA crm");
            st.execute("CREATE TABLE crm.[Events] (id BIGINT NOT NULL, seen DATETIME2(7), amount DECIMAL(12,2), born DATE,"
                    + " name NVARCHAR(20), instant TIMESTAMP(7) WITH TIME ZONE)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO crm.[Events] VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 1000; i++) {
                    insert.setLong(1, i);
                    insert.setObject(2, i % 50 == 0 ? null : BASE.plusNanos(100L * i));
                    insert.setBigDecimal(3, BigDecimal.valueOf(i * 25L, 2));
                    insert.setObject(4, LocalDate.of(2020, 1, 1).plusDays(i));
                    insert.setString(5, String.format("n%04d", i));
                    insert.setObject(6, BASE.plusNanos(100L * i).atOffset(ZoneOffset.ofHours(2)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @AfterEach
    void tearDown() {
        pool.close();
        allocator.close();
    }

    private MssqlHome home(String table, String query, int partitions) {
        MssqlHomeOptions options = new MssqlHomeOptions();
        options.connection = "h2";
        options.table = table;
        options.query = query;
        options.batchSize = 64;
        options.partitionColumn = partitions > 1 ? "id" : null;
        options.partitions = partitions;
        return new MssqlHome(options.validate("Home"), pool);
    }

    private List<Long> read(MssqlHome home, List<Split> splits) throws Exception {
        List<Long> ids = new ArrayList<>();
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
        return ids.stream().sorted().toList();
    }

    /** The statements prepared since {@code from} whose SQL reads crm.Events. */
    private List<RecordingDataSource.Prepared> reads(int from) {
        return recording.prepared().subList(from, recording.prepared().size()).stream()
                .filter(p -> p.sql().contains("Events") && !p.sql().contains("TOP 0")).toList();
    }

    @Test
    void theWatermarkIsAddedToTheRangeAndToEveryKeyRangeSplitAndBoundAsDatetime2() throws Exception {
        MssqlHome home = home("crm.Events", null, 4);
        LocalDateTime after = BASE.plusNanos(100L * 899);
        int mark = recording.prepared().size();
        home.restrict(new WatermarkFilter("SEEN", Optional.of(Watermark.of(after)), false));
        List<Split> splits = home.splits();
        assertThat(splits).hasSize(4).extracting(Split::describe).first().asString()
                .as("MIN/MAX of the new rows only: the ranges cut them evenly").endsWith("[id 901..926)"); // 900 is NULL
        assertThat(((MssqlSplit) splits.get(0)).sql()).isEqualTo("SELECT * FROM [crm].[Events]"
                + " WHERE (([id] IS NULL OR [id] >= 901 AND [id] < 926)) AND [seen] > ?");
        assertThat(splits).allSatisfy(s -> assertThat(((MssqlSplit) s).sql()).endsWith(" AND [seen] > ?").doesNotContain("2024"));
        List<Long> ids = read(home, splits);
        assertThat(ids).hasSize(98).doesNotContain(899L, 900L, 950L).contains(901L, 999L);
        List<RecordingDataSource.Prepared> statements = reads(mark);
        assertThat(statements).hasSize(5); // the range, then the four splits
        assertThat(statements.get(0).sql()).isEqualTo("SELECT MIN([id]), MAX([id]) FROM [crm].[Events] WHERE [seen] > ?");
        assertThat(statements).allSatisfy(p -> assertThat(p.parameters())
                .containsExactly(List.of("setObject", 1, after, Types.TIMESTAMP)));
        assertThat(after.getNano() % 100).isZero();
        assertThat(after.getNano()).as("to the 100 ns").isEqualTo(100 + 89_900);
    }

    @Test
    void nullsAreReadWhenAskedAndTheFirstRunReadsEveryNonNullRow() throws Exception {
        MssqlHome withNulls = home("crm.Events", null, 4);
        withNulls.restrict(new WatermarkFilter("seen", Optional.of(Watermark.of(BASE.plusNanos(100L * 899))), true));
        List<Split> splits = withNulls.splits();
        assertThat(((MssqlSplit) splits.get(3)).sql()).endsWith("AND ([seen] > ? OR [seen] IS NULL)");
        assertThat(read(withNulls, splits)).hasSize(98 + 20).contains(0L, 50L, 900L);

        MssqlHome first = home("crm.Events", null, 1);
        int mark = recording.prepared().size();
        first.restrict(new WatermarkFilter("seen", Optional.empty(), false));
        List<Split> all = first.splits();
        assertThat(((MssqlSplit) all.get(0)).sql()).isEqualTo("SELECT * FROM [crm].[Events] WHERE [seen] IS NOT NULL");
        assertThat(read(first, all)).hasSize(980);
        assertThat(reads(mark)).singleElement().satisfies(p -> assertThat(p.parameters()).isEmpty());
    }

    @Test
    void aQueryIsWrappedNeverReadWholeAndEachTypeIsBoundAsItself() throws Exception {
        MssqlHome query = home(null, "SELECT id, amount, born, name, instant FROM crm.[Events] WHERE id % 2 = 0", 1);
        int mark = recording.prepared().size();
        query.restrict(new WatermarkFilter("amount", Optional.of(Watermark.of(new BigDecimal("240.50"))), false));
        List<Split> splits = query.splits();
        assertThat(((MssqlSplit) splits.get(0)).sql()).isEqualTo("SELECT * FROM (SELECT id, amount, born, name, instant"
                + " FROM crm.[Events] WHERE id % 2 = 0) AS [hygge_query] WHERE [amount] > ?");
        assertThat(read(query, splits)).hasSize(18).first().isEqualTo(964L);
        assertThat(reads(mark).get(0).parameters()).containsExactly(List.of("setObject", 1, new BigDecimal("240.50"), Types.DECIMAL, 2));

        record Case(String column, Watermark after, List<Object> bound, int rows) {}
        Instant instant = BASE.plusNanos(100L * 989).atOffset(ZoneOffset.ofHours(2)).toInstant();
        for (Case c : List.of(
                new Case("id", Watermark.of(989), List.of("setObject", 1, 989L, Types.BIGINT), 10),
                new Case("born", Watermark.of(LocalDate.of(2020, 1, 1).plusDays(989)), List.of("setObject", 1,
                        LocalDate.of(2020, 1, 1).plusDays(989), Types.DATE), 10),
                // H2 reports NVARCHAR as the standard CHARACTER VARYING: a plain string (SQL Server's nvarchar below)
                new Case("name", Watermark.of("n0989"), List.of("setString", 1, "n0989"), 10),
                new Case("instant", Watermark.of(instant), List.of("setObject", 1, instant.atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE), 10))) {
            MssqlHome home = home("crm.Events", null, 1);
            int before = recording.prepared().size();
            home.restrict(new WatermarkFilter(c.column(), Optional.of(c.after()), false));
            assertThat(read(home, home.splits())).as(c.column()).hasSize(c.rows()).first().isEqualTo(990L);
            assertThat(reads(before)).singleElement().satisfies(p -> assertThat(p.parameters()).containsExactly(c.bound()));
        }
    }

    @Test
    void sqlServersOwnTypesAreBoundWithTheDriversClasses() throws Exception {
        LocalDateTime wall = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900);
        Instant instant = OffsetDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_700, ZoneOffset.ofHours(2)).toInstant();
        PreparedStatement statement = recording.statement();
        MssqlWatermark.of(new JdbcColumn(1, "seen", Types.TIMESTAMP, "datetime2", 27, 7, true), Watermark.of(wall)).bind(statement, 1);
        MssqlWatermark.of(new JdbcColumn(2, "at", microsoft.sql.Types.DATETIMEOFFSET, "datetimeoffset", 34, 7, true),
                Watermark.of(instant)).bind(statement, 2);
        LocalDateTime legacy = LocalDateTime.of(2024, 1, 1, 10, 0, 0, 3_000_000);
        MssqlWatermark.of(new JdbcColumn(3, "old", Types.TIMESTAMP, "datetime", 23, 3, true), Watermark.of(legacy)).bind(statement, 3);
        MssqlWatermark.of(new JdbcColumn(4, "n", Types.DECIMAL, "decimal", 38, 6, true), Watermark.of(new BigDecimal("1.5")))
                .bind(statement, 4);
        MssqlWatermark.of(new JdbcColumn(5, "k", Types.BIGINT, "bigint", 19, 0, false), Watermark.of(Long.MAX_VALUE)).bind(statement, 5);
        MssqlWatermark.of(new JdbcColumn(6, "code", Types.VARCHAR, "varchar", 10, 0, true), Watermark.of("b")).bind(statement, 6);
        MssqlWatermark.of(new JdbcColumn(7, "t", Types.TINYINT, "tinyint", 3, 0, true), Watermark.of(200)).bind(statement, 7);
        MssqlWatermark.of(new JdbcColumn(8, "name", Types.NVARCHAR, "nvarchar", 40, 0, true), Watermark.of("ü")).bind(statement, 8);
        List<List<Object>> bound = recording.prepared().get(recording.prepared().size() - 1).parameters();

        assertThat(bound.get(0)).containsExactly("setObject", 1, wall, Types.TIMESTAMP);
        assertThat(bound.get(1)).hasSize(4).startsWith("setObject", 2).endsWith(microsoft.sql.Types.DATETIMEOFFSET);
        microsoft.sql.DateTimeOffset offset = (microsoft.sql.DateTimeOffset) bound.get(1).get(2);
        assertThat(offset.getMinutesOffset()).isZero();
        assertThat(offset.getTimestamp().toInstant()).as("the instant, to the 100 ns").isEqualTo(instant);
        assertThat(offset.getTimestamp().getNanos()).isEqualTo(123_456_700);
        assertThat(bound.get(2)).containsExactly("setObject", 3, Timestamp.valueOf(legacy), microsoft.sql.Types.DATETIME);
        assertThat(bound.get(3)).containsExactly("setObject", 4, new BigDecimal("1.500000"), Types.DECIMAL, 6);
        assertThat(bound.get(4)).containsExactly("setObject", 5, Long.MAX_VALUE, Types.BIGINT);
        assertThat(bound.get(5)).containsExactly("setObject", 6, "b", Types.VARCHAR);
        assertThat(bound.get(6)).containsExactly("setObject", 7, 200L, Types.TINYINT);
        assertThat(bound.get(7)).containsExactly("setNString", 8, "ü");
        assertThat(Watermark.Kind.of(MssqlTypeConverters.SET.field(new JdbcColumn(2, "at", microsoft.sql.Types.DATETIMEOFFSET,
                "datetimeoffset", 34, 7, true)).getType())).contains(Watermark.Kind.INSTANT);
    }

    @Test
    void aMissingColumnAChangedTypeAndSplitsThatTravel() throws Exception {
        MssqlHome home = home("crm.Events", null, 4);
        assertThat(home.column("nope")).isEmpty();
        assertThat(home.column("SEEN")).get().satisfies(f -> assertThat(f.getName()).isEqualTo("seen"))
                .extracting(f -> Watermark.Kind.of(f.getType()).orElseThrow()).isEqualTo(Watermark.Kind.TIMESTAMP);
        assertThatThrownBy(() -> home.restrict(new WatermarkFilter("nope", Optional.empty(), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> home.restrict(new WatermarkFilter("name", Optional.of(Watermark.of(3)), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("'name' holds STRING").hasMessageContaining("--full-drop");
        home.restrict(new WatermarkFilter("seen", Optional.of(Watermark.of(BASE)), false));
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(home.splits().get(0));
        }
        assertThat(new MssqlHomeFactory()).isInstanceOf(HomeFactory.ReadsIncrementally.class);
    }
}
