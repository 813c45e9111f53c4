package dev.hygge.parquet;

import java.util.List;

/**
 * Options of the parquet Home ({@code type: parquet}).
 *
 * <pre>{@code
 * home: {type: parquet, path: landing/orders, columns: [id, amount], batch_size: 10000}
 * }</pre>
 */
public class ParquetHomeOptions {
    /**
     * A parquet file, a directory (every {@code *.parquet} file below it, hive-style
     * {@code key=value} folders read as columns), or a glob such as {@code landing/*&#47;*.parquet}.
     * Required.
     */
    public String path;

    /** When set, reads {@code path/<entity>/} (the layout the parquet Store writes for entities). */
    public String entity;

    /**
     * Rows per Arrow batch. Default 122,880 (DuckDB's row group size): on the parquet benchmark
     * 10,000 (the original's default) took 5.2–5.6 s, 50,000 4.7 s and 122,880 4.4 s.
     */
    public int batchSize = 122_880;

    /** The columns to read, in this order; empty (the default) reads every column. */
    public List<String> columns = List.of();

    /**
     * Rows per split: files with several row groups are read as ranges of whole row groups of
     * about this many rows, so one big file can be read by several streams. Default 1,000,000.
     */
    public long splitRows = 1_000_000;

    /**
     * Settings of a cloud {@code path} (credentials, endpoint), read by the storage plugin that serves
     * it (hygge-azure, hygge-s3; see their READMEs); secrets among them are masked wherever options
     * are shown. Empty (the default) for local disk, which takes none.
     */
    public java.util.Map<String, String> storage = java.util.Map.of();
}
