package dev.hygge.config;

import dev.hygge.spi.Plugins;
import dev.hygge.spi.Connection;
import dev.hygge.spi.Destination;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import java.util.List;
import java.util.Map;

/**
 * Factories that only declare options classes shaped like the real plugins' (parquet, mssql), so
 * config tests bind and validate without the plugins' jars. Config tests never create Homes.
 */
final class OptionsOnlyFactories {
    private OptionsOnlyFactories() {}

    public static class ParquetHome {
        public String path;
        public String entity;
        public int batchSize = 10_000;
        public List<String> columns = List.of();
    }

    public enum Compression { SNAPPY, ZSTD, GZIP, NONE }

    public static class ParquetStore {
        public String path;
        public Compression compression = Compression.SNAPPY;
        public String filePattern = "{name}_{sequence:020d}.parquet";
        public long rowsPerFile = 1_000_000;
    }

    public static class MssqlHome {
        public String connection;
        public String table;
        public String query;
        public int batchSize = 10_000;
    }

    public static class Inference {
        public int sampleBatches = 3;
        public double bufferFactor = 1.5;
    }

    public static class TableOptions {
        public boolean clusteredColumnstore = true;
    }

    public enum IfExists { APPEND, REPLACE, TRUNCATE, FAIL }

    public enum WriteStrategy { TEMP_SWAP, DIRECT_INSERT, MERGE }

    public static class MssqlStore {
        public String connection;
        public String table;
        public IfExists ifExists = IfExists.APPEND;
        public WriteStrategy writeStrategy = WriteStrategy.TEMP_SWAP;
        public int batchSize = 102_400;
        public int parallelWorkers = 8;
        public Inference schemaInference = new Inference();
        public Map<String, String> schemaOverrides = Map.of();
        public TableOptions tableOptions = new TableOptions();
        public List<String> keys = List.of();

        /** What the real mssql Store's options check, reported through the SPI as its factory does. */
        void check(OptionProblems problems) {
            if (writeStrategy == WriteStrategy.MERGE && keys.isEmpty()) {
                problems.add("write_strategy", "write_strategy merge needs keys, e.g. keys: [id]");
            }
            if (batchSize < 1) {
                problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
            }
            if (schemaInference.sampleBatches < 1) {
                problems.under("schema_inference").add("sample_batches",
                        "schema_inference.sample_batches must be at least 1, not " + schemaInference.sampleBatches);
            }
        }
    }

    public static class MssqlConnection {
        public String server;
        public String database;
        public String auth = "sql";
        public String user;
        public String password;
        public int poolSize = 8;
    }

    /** A table Store whose names follow DuckDB's rules: case folded, quotes dropped, schema main by default. */
    public static class TableStore {
        public String path;
        public String table;
        public IfExists ifExists = IfExists.APPEND;
    }

    static final class TableStoreFactory implements StoreFactory<TableStore> {
        public String type() {
            return "table";
        }

        public Class<TableStore> optionsType() {
            return TableStore.class;
        }

        public Store create(TableStore o, HyggeContext context) {
            throw new UnsupportedOperationException("config tests only bind options");
        }

        @Override
        public java.util.Optional<Destination> destination(TableStore o, String flow, java.util.Optional<String> entity) {
            String table = o.table != null ? o.table : entity.orElse(flow);
            List<String> parts = new java.util.ArrayList<>();
            for (String part : table.split("\\.")) {
                String p = part.strip();
                if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                    p = p.substring(1, p.length() - 1);
                } else if (p.contains(" ")) {
                    throw new dev.hygge.spi.ConfigException("table name '" + table + "' holds a space: quote it (\"" + p + "\")");
                }
                parts.add(p.toLowerCase(java.util.Locale.ROOT));
            }
            if (parts.size() == 1) {
                parts.add(0, "main");
            }
            return java.util.Optional.of(new Destination("table " + o.path + " " + String.join(".", parts),
                    "table " + table + " in " + java.nio.file.Path.of(o.path).getFileName(), o.ifExists == IfExists.APPEND));
        }
    }

    static final class MssqlStoreFactory implements StoreFactory<MssqlStore> {
        public String type() {
            return "mssql";
        }

        public Class<MssqlStore> optionsType() {
            return MssqlStore.class;
        }

        @Override
        public void validate(MssqlStore o, OptionProblems problems) {
            o.check(problems);
        }

        public Store create(MssqlStore o, HyggeContext context) {
            throw new UnsupportedOperationException("config tests only bind options");
        }
    }

    /** Writes {@code yaml} as {@code dir/hygge.yml}, loads it with no environment and validates it against these factories. */
    static Project load(java.nio.file.Path dir, String yaml) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("hygge.yml"), yaml);
        Project project = Project.load(dir, java.util.Map.<String, String>of()::get);
        project.validate(plugins());
        return project;
    }

    static Plugins plugins() {
        return Plugins.builder()
                .home(home("parquet", ParquetHome.class))
                .home(home("mssql", MssqlHome.class))
                .store(store("parquet", ParquetStore.class))
                .store(new MssqlStoreFactory())
                .store(new TableStoreFactory())
                .connection(connection("mssql", MssqlConnection.class))
                .build();
    }

    private static <O> HomeFactory<O> home(String type, Class<O> options) {
        return new HomeFactory<>() {
            public String type() {
                return type;
            }

            public Class<O> optionsType() {
                return options;
            }

            public Home create(O o, HyggeContext context) {
                throw new UnsupportedOperationException("config tests only bind options");
            }
        };
    }

    private static <O> StoreFactory<O> store(String type, Class<O> options) {
        return new StoreFactory<>() {
            public String type() {
                return type;
            }

            public Class<O> optionsType() {
                return options;
            }

            public Store create(O o, HyggeContext context) {
                throw new UnsupportedOperationException("config tests only bind options");
            }
        };
    }

    private static <O> ConnectionFactory<O> connection(String type, Class<O> options) {
        return new ConnectionFactory<>() {
            public String type() {
                return type;
            }

            public Class<O> optionsType() {
                return options;
            }

            public Connection open(String name, O o, HyggeContext context) {
                throw new UnsupportedOperationException("config tests only bind options");
            }
        };
    }
}
