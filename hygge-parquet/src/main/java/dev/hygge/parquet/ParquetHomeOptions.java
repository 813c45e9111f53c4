package dev.hygge.parquet;

import java.util.List;

/**
 * Options of the file Home ({@code type: parquet}, the original's {@code type: local}): parquet, CSV or NDJSON files.
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

    /**
     * The memory the embedded DuckDB may use to read: a size such as {@code 4GB}, {@code 1500MB} or
     * {@code 2GiB}, or a share of the machine's memory such as {@code 30%}. Unset (the default), a
     * quarter of the machine's memory, at least 1 GB ({@link ParquetHomeFactory#readMemoryLimit}). A file whose row groups
     * need more fails its read with DuckDB's "Out of Memory" error: raise it.
     */
    public String memoryLimit;

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

    /**
     * {@code parquet}, {@code csv} or {@code ndjson}; unset, the path's extension says
     * ({@code .csv}, {@code .tsv}, {@code .ndjson}, {@code .jsonl}, each also {@code .gz}/{@code .zst}),
     * and anything else is parquet.
     */
    public FileFormat format;

    /** How CSV and NDJSON files are read: delimiter, header, types per column... ({@link FormatOptions}). */
    public FormatOptions formatOptions = new FormatOptions();

    /** CSV only: what a row that cannot be read does, {@code fail} (default), {@code skip} or {@code file} ({@link OnBadRow}). */
    public OnBadRow onBadRow = OnBadRow.FAIL;

    /**
     * With {@code on_bad_row: file}, the folder the rejects files go to, one
     * {@code <file>.rejects.csv} per file read with bad rows. Default {@code _rejects} beside the
     * Home's path (inside it for a folder); readers skip {@code _} names.
     */
    public String rejectsPath;
}
