package dev.hygge.parquet;

/**
 * The original hygge's {@code type: local} Home: the file Home under the original's name, reading
 * parquet, CSV or NDJSON by {@code format} (else the path's extension) with its {@code format_options}.
 *
 * <pre>{@code
 * home: {type: local, path: data/users.csv, format: csv, format_options: {separator: ";"}}
 * }</pre>
 */
public final class LocalHomeFactory extends ParquetHomeFactory {
    public LocalHomeFactory() {
        super("local");
    }
}
