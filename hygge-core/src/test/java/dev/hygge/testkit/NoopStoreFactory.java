package dev.hygge.testkit;

import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;

/** Type {@code noop}: a {@link NoopStore}, for tests that go by type name. */
public final class NoopStoreFactory implements StoreFactory<NoopStoreFactory.Options> {
    /** Options of the {@code noop} Store. */
    public static final class Options {
        /** Streams one write accepts. */
        public int maxStreams = 1;
    }

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public Class<Options> optionsType() {
        return Options.class;
    }

    @Override
    public Store create(Options options, HyggeContext context) {
        return new NoopStore(options.maxStreams);
    }
}
