package dev.hygge.parquet;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How CSV and NDJSON files are read and written ({@code format_options} of the file Home and Store,
 * as the original hygge's {@code local} type called it). Unset values are DuckDB's: its sniffer
 * detects a CSV file's delimiter, quote, escape, header and column types from a sample.
 *
 * <pre>{@code
 * home:
 *   type: parquet
 *   path: landing/orders.csv
 *   format_options: {delimiter: ";", header: true, null_strings: ["", NA], types: {amount: "DECIMAL(12,2)"}}
 * }</pre>
 *
 * <p>The original's Polars names are read too: {@code separator} (delimiter), {@code has_header} and
 * {@code include_header} (header), {@code quote_char} (quote), {@code null_values} (null_strings),
 * {@code schema_overrides} and {@code dtypes} (types), {@code infer_schema_length} (sample_size).
 */
public class FormatOptions {
    /** Whether the first line names the columns. Reading: detected when unset; writing: true when unset. */
    @JsonAlias({"has_header", "include_header"})
    public Boolean header;

    /** The field separator, e.g. {@code ","}, {@code ";"}, {@code "\t"}, {@code "|"}. Reading: detected when unset; writing: {@code ","}. */
    @JsonAlias("separator")
    public String delimiter;

    /** The quote character. Reading: detected when unset; writing: {@code "}. */
    @JsonAlias("quote_char")
    public String quote;

    /** The character that escapes a quote inside a quoted value. Reading: detected; writing: the quote itself ({@code ""}). */
    public String escape;

    /**
     * The strings that mean NULL. Reading: every one of them (default: an unquoted empty field; a
     * quoted {@code ""} is always an empty string); writing: the first (default: nothing between the delimiters).
     */
    @JsonAlias("null_values")
    public List<String> nullStrings = List.of();

    /**
     * The text encoding of CSV files read: {@code utf-8} (default), {@code utf-16} (little-endian, as
     * Windows writes it; DuckDB reads no big-endian) or {@code latin-1}. Files are always written in UTF-8.
     */
    public String encoding = "utf-8";

    /**
     * A column's type instead of the detected one, in DuckDB's names: {@code {amount: "DECIMAL(12,2)",
     * id: VARCHAR, day: DATE}}. The sniffer never detects DECIMAL (a number with a fraction is DOUBLE).
     */
    @JsonAlias({"schema_overrides", "dtypes"})
    public Map<String, String> types = new LinkedHashMap<>();

    /** Rows the type sniffer samples per file read. Default 20,480 (DuckDB's); {@code -1} samples the whole file. */
    @JsonAlias("infer_schema_length")
    public long sampleSize = 20_480;

    /** A date format such as {@code %d/%m/%Y} (reading and writing); detected on read when unset, ISO on write. */
    public String dateFormat;

    /** A timestamp format such as {@code %d/%m/%Y %H:%M:%S}; detected on read when unset, ISO on write. */
    public String timestampFormat;

    /**
     * Reading: {@code auto} (default, from the extension: {@code .gz}, {@code .zst}), {@code gzip},
     * {@code zstd} or {@code none}. On a Store (where the original's {@code local} Store took it) it
     * is the Store's {@code compression} when that is unset.
     */
    public String compression = "auto";
}
