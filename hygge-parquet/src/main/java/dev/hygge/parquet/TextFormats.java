package dev.hygge.parquet;

import dev.hygge.spi.OptionProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CSV and NDJSON options of the file Home and Store, checked and turned into DuckDB's
 * {@code read_csv}/{@code read_json} arguments and {@code COPY ... TO} options.
 *
 * <pre>{@code
 * String args = TextFormats.readArguments(FileFormat.CSV, options.formatOptions);   // ", delim = ';', header = true"
 * }</pre>
 */
final class TextFormats {
    /** The encodings DuckDB's CSV reader decodes without an extension. */
    static final Set<String> ENCODINGS = Set.of("utf-8", "utf-16", "latin-1");
    private static final Set<String> READ_COMPRESSIONS = Set.of("auto", "gzip", "zstd", "none");

    private TextFormats() {}

    /** The Home's CSV/NDJSON options, every problem reported under {@code format_options.<key>}. */
    static void validateRead(ParquetHomeOptions options, FileFormat format, OptionProblems problems) {
        FormatOptions f = options.formatOptions;
        if (f == null) {
            problems.add("format_options", "format_options must be a map, e.g. {delimiter: \";\", header: true}");
            return;
        }
        common(f, format, problems);
        if (f.encoding == null || !ENCODINGS.contains(f.encoding.toLowerCase(Locale.ROOT))) {
            problems.add("format_options", "format_options.encoding must be one of utf-8, utf-16, latin-1, not '" + f.encoding
                    + "' (convert other encodings to UTF-8 first, e.g. with iconv)");
        }
        if (f.compression == null || !READ_COMPRESSIONS.contains(f.compression.toLowerCase(Locale.ROOT))) {
            problems.add("format_options", "format_options.compression must be auto (from the extension), gzip, zstd or none, not '"
                    + f.compression + "'");
        }
        if (f.sampleSize == 0 || f.sampleSize < -1) {
            problems.add("format_options", "format_options.sample_size must be at least 1, or -1 for the whole file, not " + f.sampleSize);
        }
        if (format == FileFormat.NDJSON && options.onBadRow != OnBadRow.FAIL) {
            problems.add("on_bad_row", "on_bad_row: " + options.onBadRow.name().toLowerCase(Locale.ROOT) + " is for CSV files:"
                    + " DuckDB's JSON reader cannot say which lines it left out; an NDJSON file with a bad line fails, naming it");
        }
    }

    /** The Store's CSV/NDJSON options. */
    static void validateWrite(ParquetStoreOptions options, OptionProblems problems) {
        FormatOptions f = options.formatOptions;
        if (f == null) {
            problems.add("format_options", "format_options must be a map, e.g. {delimiter: \";\", header: true}");
            return;
        }
        Compression compression = options.compression();
        if (compression != Compression.NONE && compression != Compression.GZIP && compression != Compression.ZSTD) {
            problems.add("compression", "compression for " + options.format.label() + " files must be none, gzip or zstd, not "
                    + compression.name().toLowerCase(Locale.ROOT));
        }
        common(f, options.format, problems);
        if (f.encoding != null && !f.encoding.equalsIgnoreCase("utf-8")) {
            problems.add("format_options", "format_options.encoding '" + f.encoding + "': files are written in UTF-8 only"
                    + " (DuckDB writes no other); leave encoding out");
        }
        if (!f.types.isEmpty()) {
            problems.add("format_options", "format_options.types is for reading; a Store writes each column as its type");
        }
        if (f.nullStrings.size() > 1) {
            problems.add("format_options", "format_options.null_strings: a Store writes one NULL string, not " + f.nullStrings);
        }
        storeCompression(options, problems);
    }

    /**
     * A Store's {@code format_options.compression} (the original's {@code local} Store's place for
     * it) is its {@code compression}: a codec's name, and not another than {@code compression} says.
     */
    static void storeCompression(ParquetStoreOptions options, OptionProblems problems) {
        String named = options.formatOptions == null || options.formatOptions.compression == null ? "auto" : options.formatOptions.compression;
        if (named.equalsIgnoreCase("auto")) {
            return;
        }
        java.util.Optional<Compression> codec = Compression.named(named);
        if (codec.isEmpty()) {
            problems.add("format_options", "format_options.compression '" + named + "' is no codec; write compression: "
                    + (options.format == FileFormat.PARQUET ? Compression.names() : "none, gzip or zstd"));
        } else if (options.compression != null && options.compression != codec.get()) {
            problems.add("format_options", "format_options.compression '" + named + "' and compression '"
                    + options.compression.name().toLowerCase(Locale.ROOT) + "' disagree; keep compression");
        }
    }

    /** A parquet Home's or Store's {@code format_options} other than the Store's compression: they are CSV's and NDJSON's. */
    static void parquetFormatOptions(FormatOptions f, boolean store, OptionProblems problems) {
        if (f == null) {
            return;
        }
        List<String> set = new ArrayList<>();
        if (f.header != null) set.add("header");
        if (f.delimiter != null) set.add("delimiter");
        if (f.quote != null) set.add("quote");
        if (f.escape != null) set.add("escape");
        if (!f.nullStrings.isEmpty()) set.add("null_strings");
        if (!f.types.isEmpty()) set.add("types");
        if (f.dateFormat != null) set.add("date_format");
        if (f.timestampFormat != null) set.add("timestamp_format");
        if (!store && f.compression != null && !f.compression.equalsIgnoreCase("auto")) set.add("compression");
        if (!set.isEmpty()) {
            problems.add("format_options", "format_options " + String.join(", ", set) + " are for CSV and NDJSON files, not parquet;"
                    + " set format: csv | ndjson, or leave them out");
        }
    }

    private static void common(FormatOptions f, FileFormat format, OptionProblems problems) {
        if (format == FileFormat.NDJSON) {
            List<String> set = new ArrayList<>();
            if (f.header != null) set.add("header");
            if (f.delimiter != null) set.add("delimiter");
            if (f.quote != null) set.add("quote");
            if (f.escape != null) set.add("escape");
            if (!f.nullStrings.isEmpty()) set.add("null_strings");
            if (!set.isEmpty()) {
                problems.add("format_options", "format_options " + String.join(", ", set) + " are for CSV files, not NDJSON");
            }
            return;
        }
        if (f.delimiter != null && (f.delimiter.isEmpty() || f.delimiter.length() > 4)) {
            problems.add("format_options", "format_options.delimiter must be 1 to 4 characters, e.g. \",\" or \"\\t\", not '" + f.delimiter + "'");
        }
        oneCharacter("quote", f.quote, problems);
        oneCharacter("escape", f.escape, problems);
        if (f.nullStrings == null || f.nullStrings.stream().anyMatch(s -> s == null)) {
            problems.add("format_options", "format_options.null_strings must be a list of strings, e.g. [\"\", NA]"
                    + " (quote \"NULL\" and \"null\": YAML reads them as no value)");
        }
        if (f.types == null || f.types.values().stream().anyMatch(t -> t == null || t.isBlank())) {
            problems.add("format_options", "format_options.types must map columns to DuckDB types, e.g. {amount: \"DECIMAL(12,2)\"}");
        }
    }

    private static void oneCharacter(String key, String value, OptionProblems problems) {
        if (value != null && value.length() != 1) {
            problems.add("format_options", "format_options." + key + " must be one character, not '" + value + "'");
        }
    }

    /**
     * The arguments after the file list of {@code read_csv}/{@code read_json}, each starting with
     * {@code ", "}; the column types ({@code types}) are the caller's.
     */
    static String readArguments(FileFormat format, FormatOptions f) {
        StringBuilder sql = new StringBuilder();
        String compression = f.compression.toLowerCase(Locale.ROOT);
        if (!compression.equals("auto")) {
            sql.append(", compression = ").append(DuckDb.literal(compression.equals("none") ? "none" : compression));
        }
        sql.append(", sample_size = ").append(f.sampleSize);
        if (f.dateFormat != null) {
            sql.append(", dateformat = ").append(DuckDb.literal(f.dateFormat));
        }
        if (f.timestampFormat != null) {
            sql.append(", timestampformat = ").append(DuckDb.literal(f.timestampFormat));
        }
        if (format == FileFormat.NDJSON) {
            return ", format = 'newline_delimited'" + sql;
        }
        if (f.header != null) {
            sql.append(", header = ").append(f.header);
        }
        if (f.delimiter != null) {
            sql.append(", delim = ").append(DuckDb.literal(f.delimiter));
        }
        if (f.quote != null) {
            sql.append(", quote = ").append(DuckDb.literal(f.quote));
        }
        if (f.escape != null) {
            sql.append(", escape = ").append(DuckDb.literal(f.escape));
        }
        if (!f.nullStrings.isEmpty()) {
            sql.append(", nullstr = ").append(f.nullStrings.stream().map(DuckDb::literal).collect(Collectors.joining(", ", "[", "]")));
        }
        if (!f.encoding.equalsIgnoreCase("utf-8")) {
            sql.append(", encoding = ").append(DuckDb.literal(f.encoding.toLowerCase(Locale.ROOT)));
        }
        // a quoted "" is an empty string, not NULL: what the Store writes reads back as it was
        sql.append(", allow_quoted_nulls = false");
        return sql.toString();
    }

    /** The options of {@code COPY ... TO} for a CSV or NDJSON file. */
    static String copyOptions(FileFormat format, FormatOptions f, Compression compression) {
        StringBuilder sql = new StringBuilder(format == FileFormat.CSV ? "FORMAT csv" : "FORMAT json");
        sql.append(", COMPRESSION ").append(compression == Compression.NONE ? "none" : compression.duckDbName());
        if (f.dateFormat != null) {
            sql.append(", DATEFORMAT ").append(DuckDb.literal(f.dateFormat));
        }
        if (f.timestampFormat != null) {
            sql.append(", TIMESTAMPFORMAT ").append(DuckDb.literal(f.timestampFormat));
        }
        if (format == FileFormat.NDJSON) {
            return sql.toString();
        }
        sql.append(", HEADER ").append(f.header == null || f.header);
        if (f.delimiter != null) {
            sql.append(", DELIMITER ").append(DuckDb.literal(f.delimiter));
        }
        if (f.quote != null) {
            sql.append(", QUOTE ").append(DuckDb.literal(f.quote));
        }
        if (f.escape != null) {
            sql.append(", ESCAPE ").append(DuckDb.literal(f.escape));
        }
        if (!f.nullStrings.isEmpty()) {
            sql.append(", NULLSTR ").append(DuckDb.literal(f.nullStrings.get(0)));
        }
        return sql.toString();
    }

    /** DuckDB's {@code {'col': 'TYPE', ...}} for {@code types}. */
    static String typesLiteral(Map<String, String> types) {
        return types.entrySet().stream().map(e -> DuckDb.literal(e.getKey()) + ": " + DuckDb.literal(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
