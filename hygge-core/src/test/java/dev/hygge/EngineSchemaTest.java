package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.Home;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Split;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * An in-engine flow whose Home knows its schema ({@link SupportsEngineRelation#knownSchema}) and
 * whose Store reads no sample opens no split before the engine copies the rows; the Arrow path, a
 * Home that does not know, and a Store that samples open the first split as before. Either way the
 * rows read are the rows written.
 */
class EngineSchemaTest {
    private static final int ROWS = 1_000;

    /** Generated rows offered as relations of engine {@code test} (the relation's parameters are its splits); opens counted. */
    private static final class RelationHome implements Home, SupportsEngineRelation {
        final GeneratedHome rows = GeneratedHome.builder(TestBatches.benchmark()).rows(ROWS).batchSize(100).splits(3).build();
        final AtomicInteger opened = new AtomicInteger();
        private final boolean knows;

        RelationHome(boolean knows) {
            this.knows = knows;
        }

        @Override
        public String describe() {
            return "relations";
        }

        @Override
        public List<Split> splits() {
            return rows.splits();
        }

        @Override
        public ArrowReader open(Split split, BufferAllocator allocator) {
            opened.incrementAndGet();
            return rows.open(split, allocator);
        }

        @Override
        public String engine() {
            return "test";
        }

        @Override
        public EngineRelation relation(List<Split> splits) {
            return new EngineRelation("test", "the splits", List.copyOf(splits), TestBatches.benchmark().schema(), OptionalLong.empty(),
                    Optional.empty(), "relation of " + splits.size() + " split(s)");
        }

        @Override
        public Optional<Schema> knownSchema() {
            return knows ? Optional.of(TestBatches.benchmark().schema()) : Optional.empty();
        }
    }

    /** Takes relations of {@code test} by reading their splits itself (the "engine"), and Arrow streams; counts both. */
    private static final class RelationStore implements Store, SupportsEngineWrite {
        final AtomicLong loaded = new AtomicLong();
        final AtomicLong consumed = new AtomicLong();
        private final RelationHome home;
        private final long sampleRows;
        private final BufferAllocator allocator = new RootAllocator();

        RelationStore(RelationHome home, long sampleRows) {
            this.home = home;
            this.sampleRows = sampleRows;
        }

        @Override
        public String describe() {
            return "relation store";
        }

        @Override
        public long sampleRows() {
            return sampleRows;
        }

        @Override
        public Optional<String> whyNoRelation(String engine, WriteRequest request) {
            return engine.equals("test") ? Optional.empty() : Optional.of("it writes with test");
        }

        @Override
        public StoreWrite begin(WriteRequest request) {
            assertThat(request.schema()).isEqualTo(TestBatches.benchmark().schema());
            return new EngineWrite() {
                @Override
                public long load(EngineRelation relation, Progress progress) throws Exception {
                    long rows = 0;
                    for (Object split : relation.parameters()) {
                        try (ArrowReader reader = home.rows.open((Split) split, allocator)) {
                            rows += count(reader);
                        }
                    }
                    loaded.addAndGet(rows);
                    return rows;
                }

                @Override
                public long consume(ArrowReader stream) throws Exception {
                    long rows = count(stream);
                    consumed.addAndGet(rows);
                    return rows;
                }

                @Override
                public void commit() {
                }

                @Override
                public void abort() {
                }

                @Override
                public void close() {
                }
            };
        }

        private static long count(ArrowReader reader) throws Exception {
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return rows;
        }

        @Override
        public void close() {
            allocator.close();
        }
    }

    private static FlowResult run(RelationHome home, RelationStore store, boolean arrowPath) {
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null).build()) {
            FlowResult result = hygge.flow("f").from(home).to(store).arrowPath(arrowPath).parallelism(2).retries(0).run();
            assertThat(result.succeeded()).as("%s", result.error()).isTrue();
            assertThat(result.rowsRead()).isEqualTo(ROWS);
            assertThat(result.rowsWritten()).isEqualTo(ROWS);
            return result;
        }
    }

    @Test
    void anInEngineFlowWhoseHomeKnowsItsSchemaOpensNoSplit() {
        RelationHome home = new RelationHome(true);
        try (RelationStore store = new RelationStore(home, 0)) {
            run(home, store, false);
            assertThat(home.opened).as("splits the flow opened").hasValue(0);
            assertThat(store.loaded).hasValue(ROWS);
        }
    }

    @Test
    void everyOtherFlowOpensTheFirstSplitAsBefore() {
        RelationHome unknown = new RelationHome(false);
        try (RelationStore store = new RelationStore(unknown, 0)) {
            run(unknown, store, false);
            assertThat(unknown.opened).as("the first split, for its schema").hasValue(1);
            assertThat(store.loaded).hasValue(ROWS);
        }
        RelationHome sampled = new RelationHome(true);
        try (RelationStore store = new RelationStore(sampled, 100)) {
            run(sampled, store, false);
            assertThat(sampled.opened).as("the first split, for the sample").hasValue(1);
            assertThat(store.loaded).hasValue(ROWS);
        }
        RelationHome arrow = new RelationHome(true);
        try (RelationStore store = new RelationStore(arrow, 0)) {
            run(arrow, store, true);
            assertThat(arrow.opened).as("every split, as Arrow batches").hasValue(3);
            assertThat(store.consumed).hasValue(ROWS);
            assertThat(store.loaded).hasValue(0);
        }
    }
}
