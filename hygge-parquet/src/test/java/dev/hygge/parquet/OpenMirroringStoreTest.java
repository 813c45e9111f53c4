package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Open Mirroring Store on local disk (a folder as the mirror): the landing zone's layout, the
 * sequence across runs, a full load's drop-wait-move, incremental upserts and the row marker.
 */
class OpenMirroringStoreTest extends OpenMirroringFixture {
    @Test
    void aFullLoadLandsTheTableWithItsMetadataAndTheMarkerLast() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 1_000);
        try (Hygge hygge = runtime()) {
            FlowResult r = full(hygge, source, options("partner_name", "hygge", "source_type", "SQL", "source_version", "2022"));
            assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        }
        assertThat(files(landing("orders"))).containsExactly("00000000000000000001.parquet", "_metadata.json");
        assertThat(read(landing("orders").resolve("_metadata.json"))).isEqualTo("{\"keyColumns\":[\"id\"],\"isUpsertDefaultRowMarker\":true}");
        assertThat(read(dir.resolve("crm/Files/LandingZone/_partnerEvents.json")))
                .isEqualTo("{\"partnerName\":\"hygge\",\"sourceInfo\":{\"sourceType\":\"SQL\",\"sourceVersion\":\"2022\"}}");
        String file = landing("orders").resolve("00000000000000000001.parquet").toString();
        List<List<Object>> columns = DuckDbCheck.query("DESCRIBE SELECT * FROM '" + file + "'");
        assertThat(columns.stream().map(c -> c.get(0)).toList()).containsExactly("id", "name", "op", "changed", "__rowMarker__");
        assertThat(columns.get(columns.size() - 1).get(1)).isEqualTo("INTEGER");
        assertThat(DuckDbCheck.query("SELECT count(*), count(DISTINCT id), min(__rowMarker__), max(__rowMarker__) FROM '" + file + "'"))
                .containsExactly(List.of(1_000L, 1_000L, 4, 4));
        assertThat(files(dir.resolve("crm/Files/_hygge_mirroring"))).as("only the table's lock and state are left: no staging")
                .containsExactly("orders/_hygge.lock", "orders/_hygge_state.json");
        assertThat(waits).as("a first load has no folder to drop: no wait").isEmpty();
    }

    @Test
    void incrementalRunsContinueTheSequenceWithUpserts() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("in"));
        source(sources.resolve("a.parquet"), 0, 1_000);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, sources, options("rows_per_file", 400)).succeeded()).isTrue();
            assertThat(files(landing("orders"))).containsExactly("00000000000000000001.parquet", "00000000000000000002.parquet",
                    "00000000000000000003.parquet", "_metadata.json");
            String metadata = Files.readString(landing("orders").resolve("_metadata.json"));

            source(sources.resolve("b.parquet"), 1_000, 500);
            FlowResult second = incremental(hygge, sources, options("rows_per_file", 400));
            assertThat(second.succeeded()).as("%s", second.error()).isTrue();
            assertThat(second.rowsWritten()).as("only the new rows").isEqualTo(500);
            assertThat(files(landing("orders"))).containsExactly("00000000000000000001.parquet", "00000000000000000002.parquet",
                    "00000000000000000003.parquet", "00000000000000000004.parquet", "00000000000000000005.parquet", "_metadata.json");
            assertThat(Files.readString(landing("orders").resolve("_metadata.json"))).as("written once").isEqualTo(metadata);
            assertThat(DuckDbCheck.query("SELECT count(*), min(id), min(__rowMarker__), max(__rowMarker__) FROM read_parquet(["
                    + "'" + landing("orders").resolve("00000000000000000004.parquet") + "', '"
                    + landing("orders").resolve("00000000000000000005.parquet") + "'])"))
                    .as("the incremental run's files: its rows as upserts").containsExactly(List.of(500L, 1_000L, 4, 4));
        }
        assertThat(waits).as("incremental runs drop nothing").isEmpty();
    }

    @Test
    void theSequenceStartsAtStartingSequenceAndContinuesFromTheHighestFileAtAnyDepth() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("in"));
        source(sources.resolve("a.parquet"), 0, 10);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, sources, options("starting_sequence", 100)).succeeded()).isTrue();
            assertThat(files(landing("orders"))).containsExactly("00000000000000000100.parquet", "_metadata.json");

            // files Open Mirroring has processed may be moved into a folder of its own in the table's folder
            Path processed = Files.createDirectories(landing("orders").resolve("_ProcessedFiles"));
            Files.move(landing("orders").resolve("00000000000000000100.parquet"), processed.resolve("00000000000000000100.parquet"));
            source(sources.resolve("b.parquet"), 10, 10);
            assertThat(incremental(hygge, sources, options("starting_sequence", 100)).succeeded()).isTrue();
            assertThat(files(landing("orders"))).contains("00000000000000000101.parquet");
        }
    }

    @Test
    void timestampDetectionNamesFilesByTimeAndSaysSoInTheMetadata() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 100);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, source, options("file_detection", "timestamp")).succeeded()).isTrue();
            source(dir.resolve("more.parquet"), 100, 100);
            assertThat(incremental(hygge, dir.resolve("more.parquet"), options("file_detection", "timestamp")).succeeded()).isTrue();
        }
        List<String> data = files(landing("orders")).stream().filter(f -> f.endsWith(".parquet")).toList();
        assertThat(data).hasSize(2).allMatch(f -> f.matches("\\d{8}_\\d{6}_\\d{6}_\\d{6}\\.parquet"))
                .noneMatch(f -> f.matches(SEQUENCE_NAME));
        assertThat(data.get(0)).endsWith("_000001.parquet");
        assertThat(data.get(1)).endsWith("_000002.parquet");
        assertThat(read(landing("orders").resolve("_metadata.json")))
                .isEqualTo("{\"keyColumns\":[\"id\"],\"fileDetectionStrategy\":\"LastUpdateTimeFileDetection\",\"isUpsertDefaultRowMarker\":true}");
    }

    @Test
    void aFullLoadStagesItsFilesThenDeletesTheTableFolderWaitsAndMovesThemIn() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 1_000);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, source, options("rows_per_file", 600)).succeeded()).isTrue();
            Files.createDirectories(landing("orders").resolve("_ProcessedFiles"));
            Files.writeString(landing("orders").resolve("_ProcessedFiles/00000000000000000001.parquet"), "processed by Fabric");
            source(source, 5_000, 300);
            FlowResult again = full(hygge, source, options("rows_per_file", 600, "folder_deletion_wait_seconds", 90));
            assertThat(again.succeeded()).as("%s", again.error()).isTrue();
        }
        assertThat(waits).as("one wait, as configured").containsExactly(90_000L);
        assertThat(landingAtWait.get(0)).as("while waiting the table's folder is gone").isEmpty();
        assertThat(stagedAtWait.get(0)).as("and the new files wait in staging, outside the landing zone")
                .contains("_hygge.lock", "_hygge_state.json").anyMatch(f -> f.endsWith("/_journal"))
                .anyMatch(f -> f.endsWith("/_hygge_state.json"))
                .anyMatch(f -> f.endsWith("/_metadata.json")).anyMatch(f -> f.endsWith("/part-000000.parquet"));
        assertThat(files(landing("orders"))).as("the sequence starts again in the recreated folder")
                .containsExactly("00000000000000000001.parquet", "_metadata.json");
        assertThat(DuckDbCheck.query("SELECT count(*), min(id) FROM '" + landing("orders") + "/*.parquet'"))
                .containsExactly(List.of(300L, 5_000L));
    }

    @Test
    void theRowMarkerComesFromAColumnWhenRowMarkerNamesOne() throws Exception {
        Path source = dir.resolve("orders.parquet");
        DuckDbCheck.execute("COPY (SELECT range AS id, [0, 1, 2, 4][range % 4 + 1]::TINYINT AS op FROM range(0, 8))"
                + " TO '" + source + "' (FORMAT parquet)");
        try (Hygge hygge = runtime()) {
            FlowResult r = plain(hygge, source, options("row_marker", "op"));
            assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        }
        String file = landing("orders").resolve("00000000000000000001.parquet").toString();
        assertThat(DuckDbCheck.query("DESCRIBE SELECT * FROM '" + file + "'").stream().map(c -> c.get(0)).toList())
                .as("the marker's column is written as __rowMarker__, last").containsExactly("id", "__rowMarker__");
        assertThat(DuckDbCheck.query("SELECT list(__rowMarker__ ORDER BY id) FROM '" + file + "'").get(0).get(0).toString())
                .isEqualTo("[0, 1, 2, 4, 0, 1, 2, 4]");
        assertThat(read(landing("orders").resolve("_metadata.json"))).as("no upsert default: the rows say").isEqualTo("{\"keyColumns\":[\"id\"]}");
    }

    @Test
    void aMarkerColumnWithAValueOpenMirroringDoesNotKnowFailsAndLandsNothing() throws Exception {
        Path source = dir.resolve("orders.parquet");
        DuckDbCheck.execute("COPY (SELECT range AS id, (range % 4)::INTEGER AS op FROM range(0, 8)) TO '" + source + "' (FORMAT parquet)");
        try (Hygge hygge = runtime()) {
            FlowResult r = plain(hygge, source, options("row_marker", "op"));
            assertThat(r.succeeded()).isFalse();
            assertThat(r.error().get().getMessage()).contains("row_marker column 'op' holds 3").contains("0 (insert)");
        }
        assertThat(files(landing("orders"))).isEmpty();
        assertThat(files(dir.resolve("crm/Files/_hygge_mirroring"))).containsExactly("orders/_hygge.lock");
    }

    @Test
    void aKeyColumnTheRowsDoNotHaveFailsNamingItBeforeAnythingIsWritten() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 10);
        try (Hygge hygge = runtime()) {
            FlowResult r = full(hygge, source, options("key_columns", List.of("id", "order_no")));
            assertThat(r.succeeded()).isFalse();
            assertThat(r.error().get().getMessage()).contains("key_columns names 'order_no'")
                    .contains("columns: id, name, op, changed");
        }
        assertThat(dir.resolve("crm")).doesNotExist();
    }

    @Test
    void anIncrementalRunWithOtherKeysThanTheTablesFailsAndSaysHowToChangeThem() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 10);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, source, options()).succeeded()).isTrue();
            FlowResult r = incremental(hygge, source, options("key_columns", List.of("id", "name")));
            assertThat(r.succeeded()).isFalse();
            assertThat(r.error().get().getMessage()).contains("keyColumns [id]").contains("run_type: full_drop");
        }
        assertThat(files(landing("orders"))).containsExactly("00000000000000000001.parquet", "_metadata.json");
    }

    @Test
    void aFailedWriteLeavesNoSequenceNamedFileAndTheTableAsItWas() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 10);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, source, options()).succeeded()).isTrue();
            List<String> before = files(landing("orders"));
            GeneratedHome failing = GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).failAtRow(30_000).build();
            FlowResult r = hygge.run(hygge.flow("crm").entity("orders").from(failing)
                    .to("open_mirroring", options("key_columns", List.of("i64"), "rows_per_file", 5_000)).retries(0).build());
            assertThat(r.succeeded()).isFalse();
            assertThat(files(landing("orders"))).as("the table as it was").isEqualTo(before);
            FlowResult fresh = hygge.run(hygge.flow("crm").entity("fresh").from(failing)
                    .to("open_mirroring", options("key_columns", List.of("i64"), "rows_per_file", 5_000)).retries(0).build());
            assertThat(fresh.succeeded()).isFalse();
        }
        assertThat(files(landing("fresh"))).as("a new table's failed first load lands nothing").isEmpty();
        assertThat(files(dir.resolve("crm/Files/_hygge_mirroring"))).containsExactly("fresh/_hygge.lock", "orders/_hygge.lock",
                "orders/_hygge_state.json");
    }

    @Test
    void aCommitStoppedDuringTheWaitIsCompletedByTheNextWrite() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("in"));
        source(sources.resolve("a.parquet"), 0, 100);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, sources, options()).succeeded()).isTrue();
            source(sources.resolve("a.parquet"), 1_000, 200);
            failWait.set(new IllegalStateException("killed while waiting"));
            FlowResult stopped = full(hygge, sources, options());
            assertThat(stopped.succeeded()).isFalse();
            assertThat(files(landing("orders"))).as("the folder was deleted; the new files are staged, not landed").isEmpty();

            source(sources.resolve("b.parquet"), 5_000, 10);
            FlowResult next = incremental(hygge, sources, options());
            assertThat(next.succeeded()).as("%s", next.error()).isTrue();
        }
        assertThat(waits).as("the repair, finding no file moved yet, deletes and waits again").hasSize(2);
        assertThat(files(landing("orders"))).containsExactly("00000000000000000001.parquet", "00000000000000000002.parquet",
                "_metadata.json");
        assertThat(DuckDbCheck.query("SELECT count(*), min(id), max(id) FROM '" + landing("orders") + "/00000000000000000001.parquet'"))
                .as("the stopped full load, completed").containsExactly(List.of(200L, 1_000L, 1_199L));
        assertThat(files(dir.resolve("crm/Files/_hygge_mirroring"))).containsExactly("orders/_hygge.lock", "orders/_hygge_state.json");
    }

    @Test
    void stagedFilesOfARunThatNeverCommittedAreRemovedByTheNextWrite() throws Exception {
        Path source = dir.resolve("orders.parquet");
        source(source, 0, 10);
        Path dead = Files.createDirectories(dir.resolve("crm/Files/_hygge_mirroring/orders/run-killed"));
        Files.writeString(dead.resolve("part-000000.parquet"), "half a file");
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, source, options()).succeeded()).isTrue();
        }
        assertThat(dead).doesNotExist();
        assertThat(files(landing("orders"))).containsExactly("00000000000000000001.parquet", "_metadata.json");
    }
}
