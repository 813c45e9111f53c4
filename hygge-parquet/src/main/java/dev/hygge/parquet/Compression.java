package dev.hygge.parquet;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parquet Store's {@code compression}: bound as an enum, so a misspelt codec ({@code zsdt}) is
 * a config error with its line when the project loads, not a DuckDB error halfway through a run.
 *
 * <pre>{@code
 * store: {type: parquet, path: lake/sales, compression: zstd}
 * }</pre>
 */
public enum Compression {
    SNAPPY("snappy"),
    ZSTD("zstd"),
    GZIP("gzip"),
    /** DuckDB's {@code lz4_raw}: the LZ4 codec that every current parquet reader understands. */
    LZ4("lz4_raw"),
    BROTLI("brotli"),
    NONE("uncompressed");

    private final String duckDb;

    Compression(String duckDb) {
        this.duckDb = duckDb;
    }

    /** The codec name DuckDB's {@code COPY ... (COMPRESSION ...)} takes. */
    String duckDbName() {
        return duckDb;
    }

    /** The codec a user's name ({@code zstd}, {@code none}) names, if any. */
    static java.util.Optional<Compression> named(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(name) || c.duckDb.equalsIgnoreCase(name)).findFirst();
    }

    /** The names users write, for messages: {@code snappy, zstd, gzip, lz4, brotli, none}. */
    static String names() {
        return Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
