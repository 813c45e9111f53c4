package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Options;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.SupportsState;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.StateKeepingStore;
import dev.hygge.testkit.TestBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state an incremental load keeps in a parquet destination ({@code _hygge_state.json}),
 * committed with the files, read back by {@code committedState}, and an incremental run that adds
 * files whatever {@code if_exists} says.
 */
class ParquetStateTest {
    private static final String KEY = "hygge.watermark";

    @TempDir
    Path dir;

    @Test
    void theStoreKeepsState() {
        try (Hygge hygge = ParquetRoundTripTest.runtime(); Store store = store(hygge, options("append"))) {
            assertThat(new ParquetStoreFactory()).isInstanceOf(StoreFactory.KeepsState.class);
            assertThat(store).isInstanceOf(SupportsState.class);
        }
    }

    @Test
    void theStateIsCommittedWithTheFilesAndAnAppendAddsToIt() throws IOException {
        assertThat(committedState("append", "t", Optional.empty(), KEY)).as("no folder yet").isEmpty();
        write("t", Optional.empty(), options("append"), 3_000, Map.of(KEY, "2999", "column", "id"), true);
        assertThat(committedState("append", "t", Optional.empty(), KEY)).contains("2999");
        write("t", Optional.empty(), options("append"), 2_000, Map.of(KEY, "4999"), true);
        assertThat(DuckDbCheck.count(dir + "/t_*.parquet")).isEqualTo(5_000);
        assertThat(committedState("append", "t", Optional.empty(), KEY)).contains("4999");
        assertThat(committedState("append", "t", Optional.empty(), "column")).as("a key the append did not name").contains("id");
        assertThat(Files.readString(dir.resolve(StateFile.NAME))).contains("\"format\" : \"hygge-state 1\"").contains("4999");
        assertThat(dir.resolve(Staging.ROOT)).doesNotExist();
        // readers never take the state file for data
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(hygge.flow("check").from("parquet", Map.of("path", dir.toString()))
                    .to(new dev.hygge.testkit.NoopStore(1)).run().rowsRead()).isEqualTo(5_000);
        }
    }

    @Test
    void anIncrementalRunAddsItsFilesWhenIfExistsSaysReplace() {
        write("t", Optional.empty(), options("replace"), 3_000, Map.of(KEY, "a"), false);
        write("t", Optional.empty(), options("replace"), 2_000, Map.of(KEY, "b"), true);
        assertThat(DuckDbCheck.count(dir + "/t_*.parquet")).isEqualTo(5_000);
        assertThat(committedState("replace", "t", Optional.empty(), KEY)).contains("b");
    }

    @Test
    void aFullReplaceReplacesTheNamesState() {
        write("t", Optional.empty(), options("append"), 1_000, Map.of(KEY, "a", "column", "id"), true);
        write("t", Optional.empty(), options("replace"), 1_000, Map.of(), false);
        assertThat(committedState("append", "t", Optional.empty(), KEY)).isEmpty();
        write("t", Optional.empty(), options("replace"), 1_000, Map.of(KEY, "c"), false);
        assertThat(committedState("append", "t", Optional.empty(), KEY)).contains("c");
        assertThat(committedState("append", "t", Optional.empty(), "column")).isEmpty();
    }

    @Test
    void aFailedWriteLeavesTheOldStateAndTheOldFiles() {
        write("t", Optional.empty(), options("append"), 3_000, Map.of(KEY, "old"), true);
        GeneratedHome failing = GeneratedHome.builder(TestBatches.benchmark()).rows(10_000).batchSize(1_000).failAtRow(6_000)
                .build();
        try (Hygge hygge = ParquetRoundTripTest.runtime(); Store store = store(hygge, options("replace"))) {
            assertThatThrownBy(() -> hygge.flow("t").from(failing).to(new StateKeepingStore(store, Map.of(KEY, "new"), false))
                    .run()).isInstanceOf(HyggeException.class).hasMessageContaining("generated failure");
        }
        assertThat(DuckDbCheck.count(dir + "/t_*.parquet")).isEqualTo(3_000);
        assertThat(committedState("append", "t", Optional.empty(), KEY)).contains("old");
        assertThat(dir.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void namesAndEntitiesKeepTheirOwnStateAndNoneWithoutTheirFiles() throws IOException {
        write("a", Optional.empty(), options("append"), 1_000, Map.of(KEY, "a1"), true);
        write("b", Optional.empty(), options("append"), 1_000, Map.of(KEY, "b1"), true);
        write("sales", Optional.of("orders"), options("append"), 1_000, Map.of(KEY, "o1"), true);
        assertThat(committedState("append", "a", Optional.empty(), KEY)).contains("a1");
        assertThat(committedState("append", "b", Optional.empty(), KEY)).contains("b1");
        assertThat(committedState("append", "sales", Optional.of("orders"), KEY)).contains("o1");
        assertThat(dir.resolve("orders").resolve(StateFile.NAME)).exists();

        for (Path file : ParquetStore.dataFiles(dir)) {
            if (file.getFileName().toString().startsWith("b_")) {
                Files.delete(file);
            }
        }
        assertThat(committedState("append", "b", Optional.empty(), KEY)).as("files removed since").isEmpty();
        write("b", Optional.empty(), options("append"), 1_000, Map.of(), false);
        assertThat(committedState("append", "b", Optional.empty(), KEY)).as("a first write of the name starts anew").isEmpty();
        assertThat(committedState("append", "a", Optional.empty(), KEY)).contains("a1");
    }

    /**
     * A commit that stops after its files are in and before its state is (the process dies there)
     * is completed, state included, by the next reader of the state: the files are never new with
     * the old watermark.
     */
    @Test
    void aCommitInterruptedBeforeItsStateIsCompletedWithIt() {
        write("t", Optional.empty(), options("append"), 1_000, Map.of(KEY, "old"), true);
        int before = ParquetStore.dataFiles(dir).size();
        AtomicInteger renames = new AtomicInteger();
        Staging.afterRename = () -> {
            if (renames.incrementAndGet() == 1) {
                throw new IllegalStateException("the process dies after the file moved in");
            }
        };
        try {
            GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(500).batchSize(500).build();
            try (Hygge hygge = ParquetRoundTripTest.runtime(); Store store = store(hygge, options("append"))) {
                assertThatThrownBy(() -> hygge.flow("t").from(home).to(new StateKeepingStore(store, Map.of(KEY, "new"), true))
                        .parallelism(1).run()).hasMessageContaining("the process dies");
            }
        } finally {
            Staging.afterRename = () -> { };
        }
        assertThat(renames).hasValue(1);
        assertThat(ParquetStore.dataFiles(dir)).as("the new file is in").hasSize(before + 1);
        assertThat(StateFile.value(dir, "t", KEY)).as("the state file, before any repair").contains("old");
        assertThat(committedState("append", "t", Optional.empty(), KEY)).contains("new");
        assertThat(DuckDbCheck.count(dir + "/t_*.parquet")).isEqualTo(1_500);
        assertThat(dir.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aStateFileThatIsNotHyggesIsRefusedNamingIt() throws IOException {
        write("t", Optional.empty(), options("append"), 1_000, Map.of(), false);
        Files.writeString(dir.resolve(StateFile.NAME), "{\"something\": 1}");
        assertThatThrownBy(() -> committedState("append", "t", Optional.empty(), KEY))
                .hasMessageContaining(dir.resolve(StateFile.NAME).toString()).hasMessageContaining("move it away");
    }

    private Map<String, Object> options(String ifExists) {
        Map<String, Object> options = new HashMap<>();
        options.put("path", dir.toString());
        options.put("if_exists", ifExists);
        return options;
    }

    private void write(String flow, Optional<String> entity, Map<String, Object> options, long rows, Map<String, String> state,
                       boolean incremental) {
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(1_000).splits(2).build();
        try (Hygge hygge = ParquetRoundTripTest.runtime(); Store store = store(hygge, options)) {
            dev.hygge.Flow.Builder builder = hygge.flow(flow);
            entity.ifPresent(builder::entity);
            builder.from(home).to(new StateKeepingStore(store, state, incremental)).parallelism(2).run();
        }
    }

    private Optional<String> committedState(String ifExists, String flow, Optional<String> entity, String key) {
        try (Hygge hygge = ParquetRoundTripTest.runtime(); Store store = store(hygge, options(ifExists))) {
            return ((SupportsState) store).committedState(flow, entity, key);
        }
    }

    static Store store(Hygge hygge, Map<String, Object> options) {
        return new ParquetStoreFactory().create(Options.bind(options, ParquetStoreOptions.class, "test Store"), hygge.context());
    }
}
