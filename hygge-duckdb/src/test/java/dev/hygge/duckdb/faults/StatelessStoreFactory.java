package dev.hygge.duckdb.faults;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;

/**
 * A real Store that keeps no state: {@code stateless-<type>} creates the Store of {@code type}
 * (a DuckDB table, a parquet folder) and hands it on without its {@link dev.hygge.spi.SupportsState}
 * (and the factory without {@link StoreFactory.KeepsState}), so an incremental flow into it keeps
 * its watermark in the run journal only, as a Store without state does, while its rows land in a
 * real, durable destination that a later process reads back.
 *
 * @param <O> the real factory's options
 */
public final class StatelessStoreFactory<O> implements StoreFactory<O> {
    /** What the type name of the real Store is prefixed with. */
    public static final String PREFIX = "stateless-";

    private final StoreFactory<O> real;

    public StatelessStoreFactory(StoreFactory<O> real) {
        this.real = requireNonNull(real, "real is null");
    }

    @Override
    public String type() {
        return PREFIX + real.type();
    }

    @Override
    public Class<O> optionsType() {
        return real.optionsType();
    }

    @Override
    public void validate(O options, OptionProblems problems) {
        real.validate(options, problems);
    }

    @Override
    public boolean merges(O options) {
        return real.merges(options);
    }

    @Override
    public Store create(O options, HyggeContext context) {
        Store store = real.create(options, context);
        return new Store() {
            @Override
            public String describe() {
                return store.describe() + " (its state hidden)";
            }

            @Override
            public int maxStreams() {
                return store.maxStreams();
            }

            @Override
            public long sampleRows() {
                return store.sampleRows();
            }

            @Override
            public int sampleBatches() {
                return store.sampleBatches();
            }

            @Override
            public StoreWrite begin(WriteRequest request) {
                return store.begin(request);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
