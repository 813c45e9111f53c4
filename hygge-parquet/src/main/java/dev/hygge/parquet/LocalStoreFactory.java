package dev.hygge.parquet;

/**
 * The original hygge's {@code type: local} Store: the file Store under the original's name, writing
 * parquet (its default), CSV or NDJSON by {@code format}; its {@code batch_size} is {@code rows_per_file}.
 *
 * <pre>{@code
 * store: {type: local, path: out/users, format: ndjson}
 * }</pre>
 */
public final class LocalStoreFactory extends ParquetStoreFactory {
    public LocalStoreFactory() {
        super("local");
    }
}
