package dev.hygge.testkit;

import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.WriteRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A Store writing a {@link MemoryTable}: a full load replaces it, an incremental one appends (or
 * merges on {@code merge_on}); the rows and the state become visible at once at commit. The
 * {@link Stateful} kind keeps state ({@link SupportsState}); the plain kind does not (the engine
 * then relies on the journal). A {@link DeadlockVictim} is transient by its {@link ClassifiesFaults} word.
 */
public class MemoryTableStore implements Store, ClassifiesFaults {
    /** A transient fault: chosen as a deadlock victim. */
    public static final class DeadlockVictim extends RuntimeException {
        public DeadlockVictim(String message) {
            super(message);
        }
    }

    final MemoryTable table;
    private final String mergeOn;

    MemoryTableStore(MemoryTable table, String mergeOn) {
        this.table = table;
        this.mergeOn = mergeOn;
    }

    @Override
    public String describe() {
        return "memory table";
    }

    @Override
    public int maxStreams() {
        return 2;
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        table.begun(request.incremental());
        int key = mergeOn == null ? -1 : request.schema().getFields().stream().map(f -> f.getName()).toList().indexOf(mergeOn);
        List<List<Object>> pending = Collections.synchronizedList(new ArrayList<>());
        return new StoreWrite() {
            private boolean done;

            @Override
            public long consume(ArrowReader stream) throws Exception {
                table.consuming();
                long rows = 0;
                while (stream.loadNextBatch()) {
                    VectorSchemaRoot root = stream.getVectorSchemaRoot();
                    pending.addAll(TestBatches.rows(root));
                    rows += root.getRowCount();
                }
                return rows;
            }

            @Override
            public void commit() {
                commit(Map.of());
            }

            @Override
            public void commit(Map<String, String> state) {
                if (!state.isEmpty() && !(MemoryTableStore.this instanceof SupportsState)) {
                    throw new IllegalStateException("state given to a Store that keeps none");
                }
                table.commit(pending, !request.incremental(), key, state);
                done = true;
            }

            @Override
            public void abort() {
                done = true;
                pending.clear();
            }

            @Override
            public void close() {
                if (!done) {
                    abort();
                }
            }
        };
    }

    @Override
    public boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DeadlockVictim) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {}

    /** The kind that commits state with its rows. */
    public static final class Stateful extends MemoryTableStore implements SupportsState {
        Stateful(MemoryTable table, String mergeOn) {
            super(table, mergeOn);
        }

        @Override
        public Optional<String> committedState(String flow, Optional<String> entity, String key) {
            return table.state(key);
        }
    }

    /**
     * Type {@code memory}: a Store of the factory's table; {@code keep_state: false} makes the
     * plain kind, {@code merge_on: id} merges an incremental run's rows on that column.
     */
    public static final class Factory implements StoreFactory<Factory.Options>, StoreFactory.KeepsState {
        /** Options of the {@code memory} Store. */
        public static final class Options {
            /** Whether the Store keeps the watermark with its rows. */
            public boolean keepState = true;
            /** The column an incremental run's rows are merged on; none: appended. */
            public String mergeOn;
        }

        private final MemoryTable table;

        public Factory(MemoryTable table) {
            this.table = table;
        }

        @Override
        public String type() {
            return "memory";
        }

        @Override
        public Class<Options> optionsType() {
            return Options.class;
        }

        /** A Store told {@code merge_on} merges: an incremental project flow into it needs a primary key. */
        @Override
        public boolean merges(Options options) {
            return options.mergeOn != null;
        }

        @Override
        public Store create(Options options, HyggeContext context) {
            return options.keepState ? new Stateful(table, options.mergeOn) : new MemoryTableStore(table, options.mergeOn);
        }
    }
}
