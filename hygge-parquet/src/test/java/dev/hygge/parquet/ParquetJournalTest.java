package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.JournalFactory;
import dev.hygge.spi.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parquet run journal on disk: the original hygge's file (columns, types, values) read and
 * continued, rows written here read back whole, compaction that never drops the watermark a next
 * run starts from, and files that are not journals refused with their name.
 */
class ParquetJournalTest {
    @TempDir
    Path dir;

    /** A run of {@code flow}/{@code entity} numbered {@code n}, with a watermark when {@code watermark} is not null. */
    static JournalEntry run(String flow, String entity, int n, String status, String watermark) {
        return new JournalEntry(flow + "-" + entity + "-" + n, "coordinator-" + n, "flow-" + n, "sales", flow, entity,
                "2026-12-01T10:00:" + String.format("%02d", n % 60) + "Z", "2026-12-01T10:01:00Z", status, "incremental",
                (long) n * 10, n + 0.25, watermark == null ? null : "id", watermark == null ? null : "updated_at",
                watermark == null ? null : "datetime", watermark, status.equals(JournalEntry.FAIL) ? "boom " + n : null,
                JournalEntry.SCHEMA_VERSION);
    }

    @Test
    void entriesWrittenAreReadBackWholeInTheOriginalsColumnsAndTypes() throws Exception {
        Path file = dir.resolve(".hygge_journal/journal.parquet");
        ParquetJournal journal = ParquetJournal.open(file);
        assertThat(journal.entries()).isEmpty();
        assertThat(journal.lastWatermark("orders_flow", "orders")).isEmpty();

        JournalEntry first = run("orders_flow", "orders", 1, JournalEntry.SUCCESS, "2026-12-01T09:00:00.123456789Z");
        JournalEntry nulls = new JournalEntry("e-2", null, null, null, "orders_flow", "orders", "2026-12-01T11:00:00Z", null,
                JournalEntry.FAIL, "full_drop", null, null, null, null, null, null, "connection reset", "1.0");
        JournalEntry other = run("orders_flow", "customers", 3, JournalEntry.SUCCESS, null);
        journal.record(first);
        journal.record(nulls);
        journal.record(other);

        assertThat(ParquetJournal.open(file).entries()).containsExactly(first, nulls, other);
        assertThat(journal.entries("orders_flow", "orders")).containsExactly(first, nulls);
        assertThat(journal.lastWatermark("orders_flow", "orders")).contains(first);
        assertThat(journal.lastWatermark("orders_flow", "customers")).isEmpty();

        List<List<Object>> schema = DuckDbCheck.query("SELECT name, type, logical_type IS NOT NULL OR converted_type IS NOT NULL "
                + "FROM parquet_schema('" + file + "') WHERE name <> 'duckdb_schema'");
        assertThat(schema.stream().map(c -> c.get(0)).collect(Collectors.toList())).containsExactlyElementsOf(JournalColumns.TYPES.keySet());
        for (List<Object> column : schema) {
            String expected = switch ((String) column.get(0)) {
                case "row_count" -> "INT64";
                case "duration" -> "DOUBLE";
                default -> "BYTE_ARRAY";
            };
            assertThat(column.get(1)).as(column.toString()).isEqualTo(expected);
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("journal.parquet", "journal.parquet.lock");
        }
    }

    @Test
    void aJournalTheOriginalWroteIsReadAndContinued() {
        // exactly the original's Polars schema and values: Utf8 everywhere but Int64 row_count and
        // Float64 duration, Python isoformat() times, watermark_type "datetime", an extra later column
        Path file = dir.resolve("journal.parquet");
        DuckDbCheck.execute("COPY (SELECT * FROM (VALUES "
                + "('a1b2', 'c0', 'f0', 'main_coordinator', 'users_flow', 'users', '2024-01-01T08:59:00.512345+00:00',"
                + " '2024-01-01T09:00:05.000001+00:00', 'success', 'incremental', 1000::BIGINT, 5.0::DOUBLE, 'user_id', 'signup_date',"
                + " 'datetime', '2024-01-01T09:00:00Z', NULL::VARCHAR, '1.0', 'x'),"
                + "('a1b3', 'c1', 'f1', 'main_coordinator', 'users_flow', 'users', '2024-01-02T08:59:00+00:00',"
                + " '2024-01-02T08:59:01+00:00', 'fail', 'incremental', NULL::BIGINT, 1.5::DOUBLE, 'user_id', 'signup_date',"
                + " NULL, NULL, 'Connection reset by peer', '1.0', 'y')) AS t(entity_run_id, coordinator_run_id, flow_run_id,"
                + " coordinator, flow, entity, start_time, finish_time, status, run_type, row_count, duration, primary_key,"
                + " watermark_column, watermark_type, watermark, message, schema_version, added_later))"
                + " TO '" + file + "' (FORMAT parquet, COMPRESSION zstd)");

        RunJournal journal = new ParquetJournalFactory().open(file);
        JournalEntry last = journal.lastWatermark("users_flow", "users").orElseThrow();
        assertThat(last.watermark()).isEqualTo("2024-01-01T09:00:00Z");
        assertThat(last.watermarkType()).isEqualTo("datetime");
        assertThat(last.watermarkColumn()).isEqualTo("signup_date");
        assertThat(last.rowCount()).isEqualTo(1000L);
        assertThat(last.duration()).isEqualTo(5.0);
        assertThat(journal.entries("users_flow", "users").get(1).message()).isEqualTo("Connection reset by peer");

        JournalEntry next = new JournalEntry("java-1", "c2", "f2", "main_coordinator", "users_flow", "users",
                "2024-01-03T09:00:00Z", "2024-01-03T09:00:02Z", "success", "incremental", 20L, 2.0, "user_id", "signup_date",
                "datetime", "2024-01-03T08:00:00Z", null, "1.0");
        journal.record(next);
        assertThat(journal.entries()).hasSize(3).last().isEqualTo(next);
        assertThat(journal.lastWatermark("users_flow", "users")).contains(next);
        // the original's rows and its extra column are kept as they were, the columns in the original's order
        assertThat(DuckDbCheck.query("SELECT entity_run_id, start_time, added_later FROM '" + file + "'"))
                .containsExactly(List.of("a1b2", "2024-01-01T08:59:00.512345+00:00", "x"),
                        List.of("a1b3", "2024-01-02T08:59:00+00:00", "y"), java.util.Arrays.asList("java-1", "2024-01-03T09:00:00Z", null));
        assertThat(DuckDbCheck.query("SELECT name FROM parquet_schema('" + file + "') WHERE name <> 'duckdb_schema'").stream()
                .map(c -> c.get(0)).limit(18).collect(Collectors.toList())).containsExactlyElementsOf(JournalColumns.TYPES.keySet());
    }

    @Test
    void compactionKeepsTheLastRunsOfEachEntityAndAlwaysTheLatestWatermark() {
        Path file = dir.resolve("journal.parquet");
        ParquetJournal journal = ParquetJournal.open(file, 5, Duration.ofSeconds(30));
        journal.record(run("f", "orders", 0, JournalEntry.SUCCESS, "100"));
        journal.record(run("f", "orders", 1, JournalEntry.SUCCESS, "200"));
        for (int i = 2; i < 12; i++) {
            journal.record(run("f", "orders", i, JournalEntry.FAIL, null));
        }
        for (int i = 0; i < 3; i++) {
            journal.record(run("f", "customers", i, JournalEntry.SUCCESS, null));
        }

        List<JournalEntry> orders = journal.entries("f", "orders");
        assertThat(orders).extracting(JournalEntry::entityRunId)
                .containsExactly("f-orders-1", "f-orders-7", "f-orders-8", "f-orders-9", "f-orders-10", "f-orders-11");
        assertThat(journal.lastWatermark("f", "orders").orElseThrow().watermark()).isEqualTo("200");
        assertThat(journal.entries("f", "customers")).hasSize(3);

        journal.record(run("f", "orders", 12, JournalEntry.SUCCESS, "300"));
        assertThat(journal.entries("f", "orders")).extracting(JournalEntry::entityRunId)
                .containsExactly("f-orders-8", "f-orders-9", "f-orders-10", "f-orders-11", "f-orders-12");
        assertThat(journal.lastWatermark("f", "orders").orElseThrow().watermark()).isEqualTo("300");
    }

    @Test
    void severalRunsRecordedAtOnceKeepTheirOrder() {
        ParquetJournal journal = ParquetJournal.open(dir.resolve("journal.parquet"));
        journal.record(run("f", "a", 0, JournalEntry.SUCCESS, null));
        List<JournalEntry> batch = List.of(run("f", "b", 1, JournalEntry.SUCCESS, null), run("f", "a", 2, JournalEntry.SKIP, null));
        journal.record(batch);
        assertThat(journal.entries()).extracting(JournalEntry::entityRunId).containsExactly("f-a-0", "f-b-1", "f-a-2");
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedWithItsNameAndWhatToDo() throws Exception {
        Path other = dir.resolve("orders.parquet");
        DuckDbCheck.execute("COPY (SELECT 1 AS id, 'x' AS flow, 2 AS row_count) TO '" + other + "' (FORMAT parquet)");
        assertThatThrownBy(() -> ParquetJournal.open(other)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(other.toString()).hasMessageContaining("no column 'entity_run_id'")
                .hasMessageContaining("move this file away");

        Path text = Files.writeString(dir.resolve("journal.parquet"), "not parquet");
        assertThatThrownBy(() -> ParquetJournal.open(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("cannot be read");
        assertThat(Files.readString(text)).isEqualTo("not parquet");

        Path wrongType = dir.resolve("typed.parquet");
        DuckDbCheck.execute("COPY (SELECT " + JournalColumns.TYPES.keySet().stream()
                .map(c -> (c.equals("row_count") ? "'many'" : "'v'") + " AS " + c).collect(Collectors.joining(", "))
                + ") TO '" + wrongType + "' (FORMAT parquet)");
        assertThatThrownBy(() -> ParquetJournal.open(wrongType)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("column 'row_count' is VARCHAR, a journal's is BIGINT");
    }

    @Test
    void aJournalInAFolderWithGlobCharactersAndQuotesIsThatOneFile() {
        // DuckDB reads every path as a glob: a[1] would name a1
        Path file = dir.resolve("lake [it's] a*1?/.hygge_journal/journal.parquet");
        Path decoy = dir.resolve("lake i a1x/.hygge_journal/journal.parquet");
        ParquetJournal.open(decoy).record(run("f", "decoy", 0, JournalEntry.SUCCESS, "9"));
        ParquetJournal journal = ParquetJournal.open(file);
        journal.record(run("f", "orders", 1, JournalEntry.SUCCESS, "1"));
        journal.record(run("f", "orders", 2, JournalEntry.SUCCESS, "2"));
        assertThat(ParquetJournal.open(file).entries()).extracting(JournalEntry::entityRunId).containsExactly("f-orders-1", "f-orders-2");
    }

    @Test
    void theFactoryIsDiscoverable() {
        assertThat(ServiceLoader.load(JournalFactory.class).stream().map(p -> p.get().format())).contains("parquet");
    }
}
