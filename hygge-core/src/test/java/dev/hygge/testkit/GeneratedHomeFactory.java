package dev.hygge.testkit;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;

/** Type {@code generated}: a {@link GeneratedHome} of the all-types table, for tests that go by type name. */
public final class GeneratedHomeFactory implements HomeFactory<GeneratedHomeFactory.Options> {
    /** Options of the {@code generated} Home. */
    public static final class Options {
        /** Rows to generate. */
        public long rows = 1_000;
        /** Rows per batch. */
        public int batchSize = 1_000;
        /** Row ranges offered as splits. */
        public int splits = 1;
        /** {@code all_types} or {@code benchmark}. */
        public String table = "all_types";
    }

    @Override
    public String type() {
        return "generated";
    }

    @Override
    public Class<Options> optionsType() {
        return Options.class;
    }

    @Override
    public Home create(Options options, HyggeContext context) {
        TestBatches.Generator generator = switch (options.table) {
            case "all_types" -> TestBatches.allTypes();
            case "benchmark" -> TestBatches.benchmark();
            default -> throw new ConfigException("Home 'generated': table must be all_types or benchmark, not '"
                    + options.table + "'");
        };
        return GeneratedHome.builder(generator).rows(options.rows).batchSize(options.batchSize)
                .splits(options.splits).build();
    }
}
