package dev.hygge.parquet;

import dev.hygge.jdbc.IfExists;
import java.util.List;

/**
 * Options of the file Store ({@code type: parquet}, the original's {@code type: local}): parquet, CSV or NDJSON files.
 *
 * <pre>{@code
 * store: {type: parquet, path: lake/sales, compression: zstd, if_exists: replace, partition_by: [region]}
 * }</pre>
 */
public class ParquetStoreOptions {
    /** The destination folder; a flow with an entity writes into {@code path/<entity>/}. Required. */
    public String path;

    /**
     * File names: {@code {name}} is the entity (or the flow when there is none), {@code {flow}} and
     * {@code {entity}} are what they say, {@code {sequence}} or {@code {sequence:020d}} numbers the
     * files. Default {@code {name}_{sequence:020d}.parquet} ({@code .csv}, {@code .csv.gz},
     * {@code .ndjson}, {@code .ndjson.zst}... for the other formats and compressions).
     */
    public String filePattern;

    /**
     * Parquet: {@code snappy} (default), {@code zstd}, {@code gzip}, {@code lz4}, {@code brotli} or
     * {@code none}. CSV and NDJSON: {@code none} (default), {@code gzip} or {@code zstd}.
     */
    public Compression compression;

    /** {@code parquet} (default), {@code csv} or {@code ndjson} (newline-delimited JSON). */
    public FileFormat format = FileFormat.PARQUET;

    /** How CSV files are written: header, delimiter, quote, escape, the NULL string ({@link FormatOptions}). */
    public FormatOptions formatOptions = new FormatOptions();

    /**
     * The compression files are written with: as set, else {@code format_options.compression} (where
     * the original's {@code type: local} Store took it), else {@code snappy} for parquet and
     * {@code none} for CSV and NDJSON.
     */
    Compression compression() {
        if (compression != null) {
            return compression;
        }
        if (formatOptions != null && formatOptions.compression != null && !formatOptions.compression.equalsIgnoreCase("auto")) {
            java.util.Optional<Compression> named = Compression.named(formatOptions.compression);
            if (named.isPresent()) {
                return named.get();
            }
        }
        return format == FileFormat.PARQUET ? Compression.SNAPPY : Compression.NONE;
    }

    /** The file pattern: as set, else {@code {name}_{sequence:020d}} and the format's extension ({@code .parquet}, {@code .csv.gz}...). */
    String filePattern() {
        return filePattern != null ? filePattern : "{name}_{sequence:020d}" + format.extension(compression());
    }

    /** Rows per file at most; 0 (the default) writes one file per stream. */
    public long rowsPerFile = 0;

    /** Rows per row group. Default 122,880 (DuckDB's default, 60 vectors of 2,048 rows). */
    public long rowGroupSize = 122_880;

    /**
     * {@code append} (default: new files beside the old ones, the sequence continues),
     * {@code replace} (the old files are removed once the new ones are in place) or {@code fail}
     * (when the destination already holds parquet files); {@code truncate} is for tables only.
     */
    public IfExists ifExists = IfExists.APPEND;

    /** Columns to write hive-style {@code column=value/} folders by; empty (the default) for none. */
    public List<String> partitionBy = List.of();

    /**
     * Settings of a cloud {@code path} (credentials, endpoint), read by the storage plugin that serves
     * it (hygge-azure, hygge-s3; see their READMEs); secrets among them are masked wherever options
     * are shown. Empty (the default) for local disk, which takes none.
     */
    public java.util.Map<String, String> storage = java.util.Map.of();
}
