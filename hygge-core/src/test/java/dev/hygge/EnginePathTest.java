package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.polish.Constant;
import dev.hygge.polish.Polish;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WriteRequest;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** How the engine chooses between the in-engine path and Arrow batches, and how it groups splits for it. */
class EnginePathTest {
    private record Part(String name) implements Split {
        @Override
        public String describe() {
            return name;
        }
    }

    /** A Home on engine {@code engine} that may refuse relations. */
    private static class EngineHome implements Home, SupportsEngineRelation {
        private final String engine;
        private final Optional<String> refusal;

        EngineHome(String engine, Optional<String> refusal) {
            this.engine = engine;
            this.refusal = refusal;
        }

        @Override
        public String describe() {
            return "home";
        }

        @Override
        public List<Split> splits() {
            return List.of(new Part("a"));
        }

        @Override
        public ArrowReader open(Split split, BufferAllocator allocator) {
            throw new UnsupportedOperationException("not read in this test");
        }

        @Override
        public String engine() {
            return engine;
        }

        @Override
        public Optional<String> whyNoRelation() {
            return refusal;
        }

        @Override
        public EngineRelation relation(List<Split> splits) {
            throw new UnsupportedOperationException("not read in this test");
        }
    }

    /** A Store that takes relations of {@code engine} only, tracking a watermark inside it when {@code tracks}. */
    private static final class EngineStore implements Store, SupportsEngineWrite {
        private final String engine;
        private final boolean tracks;

        EngineStore(String engine) {
            this(engine, false);
        }

        EngineStore(String engine, boolean tracks) {
            this.engine = engine;
            this.tracks = tracks;
        }

        @Override
        public Optional<String> whyNoWatermark(String other, WriteRequest request) {
            return tracks ? Optional.empty() : SupportsEngineWrite.super.whyNoWatermark(other, request);
        }

        @Override
        public String describe() {
            return "store";
        }

        @Override
        public StoreWrite begin(WriteRequest request) {
            throw new UnsupportedOperationException("not written in this test");
        }

        @Override
        public Optional<String> whyNoRelation(String other, WriteRequest request) {
            return other.equals(engine) ? Optional.empty() : Optional.of("it writes with " + engine);
        }
    }

    private static final Store ARROW_STORE = new Store() {
        @Override
        public String describe() {
            return "arrow";
        }

        @Override
        public StoreWrite begin(WriteRequest request) {
            throw new UnsupportedOperationException("not written in this test");
        }
    };

    private static final WriteRequest REQUEST = new WriteRequest("f", Optional.empty(), new Schema(List.of()), 1, List.of(), "run");

    private static String choose(Flow.Builder flow, Home home, Store store) {
        return EnginePath.choose(flow.from(home).to(store).build(), home, store, REQUEST).describe();
    }

    @Test
    void inEngineOnlyWhenBothSidesShareTheEngineAndNothingNeedsArrowBatches() {
        Home duck = new EngineHome("duckdb", Optional.empty());
        assertThat(choose(Flow.builder("f"), duck, new EngineStore("duckdb")))
                .isEqualTo("in-engine (duckdb): the Home and the Store both run on duckdb");
        assertThat(choose(Flow.builder("f"), duck, new EngineStore("spark")))
                .isEqualTo("arrow batches: the Store: it writes with spark");
        assertThat(choose(Flow.builder("f"), duck, ARROW_STORE))
                .isEqualTo("arrow batches: the Store takes only Arrow batches (the Home runs on duckdb)");
        assertThat(choose(Flow.builder("f"), new EngineHome("duckdb", Optional.of("bad rows are skipped")), new EngineStore("duckdb")))
                .isEqualTo("arrow batches: the Home: bad rows are skipped");
        assertThat(choose(Flow.builder("f").arrowPath(true), duck, new EngineStore("duckdb")))
                .startsWith("arrow batches: asked for");
        assertThat(choose(Flow.builder("f").polish(Polish.builder().constant(Constant.of("c", "v")).build()), duck,
                new EngineStore("duckdb"))).isEqualTo("arrow batches: polish runs on Arrow batches");
        assertThat(choose(Flow.builder("f").incremental(Incremental.on("id")), duck, new EngineStore("duckdb")))
                .isEqualTo("arrow batches: the watermark is tracked on Arrow batches: the Store: it cannot track a watermark"
                        + " inside duckdb");
        assertThat(choose(Flow.builder("f").incremental(Incremental.on("id")), duck, new EngineStore("duckdb", true)))
                .isEqualTo("in-engine (duckdb): the Home and the Store both run on duckdb, which tracks the watermark 'id'");
        assertThat(choose(Flow.builder("f").incremental(Incremental.on("id")).arrowPath(true), duck, new EngineStore("duckdb", true)))
                .startsWith("arrow batches: asked for");
    }

    /** A Home whose reads are the copy's cost (a text Home): the Arrow path, without asking its refusal, unless asked. */
    @Test
    void aHomeWhoseReadsAreTheCostKeepsTheArrowPathUnlessTheFlowAsksForInEngine() {
        int[] asked = {0};
        Home text = new EngineHome("duckdb", Optional.empty()) {
            @Override
            public boolean readsAreTheCost() {
                return true;
            }

            @Override
            public Optional<String> whyNoRelation() {
                asked[0]++;
                return Optional.empty();
            }
        };
        assertThat(choose(Flow.builder("f"), text, new EngineStore("duckdb")))
                .startsWith("arrow batches: the Home's reads are the copy's cost");
        assertThat(asked[0]).as("the Home's own refusal (a sniff of every file) is not asked").isZero();
        assertThat(choose(Flow.builder("f").enginePath(true), text, new EngineStore("duckdb")))
                .isEqualTo("in-engine (duckdb): the Home and the Store both run on duckdb");
        assertThat(asked[0]).isEqualTo(1);
        assertThat(choose(Flow.builder("f").enginePath(true).arrowPath(true), text, new EngineStore("duckdb")))
                .startsWith("arrow batches: asked for");
    }

    @Test
    void splitsAreDealtToTheStreamsInTurn() {
        List<Split> splits = List.of(new Part("0"), new Part("1"), new Part("2"), new Part("3"), new Part("4"));
        assertThat(EnginePath.groups(splits, 2)).containsExactly(
                List.of(new Part("0"), new Part("2"), new Part("4")), List.of(new Part("1"), new Part("3")));
        assertThat(EnginePath.groups(splits, 8)).hasSize(5);
        assertThat(EnginePath.groups(splits.subList(0, 1), 4)).containsExactly(List.of(new Part("0")));
    }
}
