package dev.hygge.parquet;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the file Home and Store encode rows in a file: {@code parquet}, {@code csv} or {@code ndjson}
 * (newline-delimited JSON). A format is only the encoding: the files are found, staged, committed
 * and locked alike whatever it is.
 *
 * <pre>{@code
 * home:  {type: parquet, path: landing/orders.csv.gz}            # csv, from the extension
 * store: {type: parquet, path: lake/orders, format: ndjson, compression: zstd}
 * }</pre>
 */
public enum FileFormat {
    PARQUET("parquet", List.of(".parquet")),
    CSV("csv", List.of(".csv", ".tsv")),
    /** Newline-delimited JSON, one object a line; {@code .ndjson} or {@code .jsonl} files. */
    NDJSON("ndjson", List.of(".ndjson", ".jsonl"));

    /** The compressed suffixes a text file may carry after its extension. */
    private static final List<String> COMPRESSED = List.of("", ".gz", ".zst");

    private final String label;
    private final List<String> extensions;

    FileFormat(String label, List<String> extensions) {
        this.label = label;
        this.extensions = extensions;
    }

    /** The name users write: {@code parquet}, {@code csv}, {@code ndjson}. */
    String label() {
        return label;
    }

    /** The name in a sentence's first word: {@code Parquet}, {@code CSV}, {@code NDJSON}. */
    String title() {
        return this == PARQUET ? "Parquet" : label.toUpperCase(Locale.ROOT);
    }

    /** Whether a file of this name is one of this format's ({@code orders.csv.gz} is csv). */
    boolean matches(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (this == PARQUET) {
            return name.endsWith(".parquet");
        }
        return extensions.stream().anyMatch(ext -> COMPRESSED.stream().anyMatch(z -> name.endsWith(ext + z)));
    }

    /**
     * The extension the Store gives a file of this format written with {@code compression}:
     * {@code .parquet}, {@code .csv}, {@code .csv.gz}, {@code .csv.zst}, {@code .ndjson}, {@code .ndjson.gz}...
     */
    String extension(Compression compression) {
        if (this == PARQUET) {
            return ".parquet";
        }
        return extensions.get(0) + switch (compression) {
            case GZIP -> ".gz";
            case ZSTD -> ".zst";
            default -> "";
        };
    }

    /** The format a path's extension names ({@code x.csv}, {@code x.jsonl.gz}, {@code *.ndjson}), if any. */
    static Optional<FileFormat> ofPath(String path) {
        String name = path.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        for (FileFormat format : values()) {
            if (format.matches(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The names users write, for messages: {@code parquet, csv, ndjson}. */
    static String names() {
        return Arrays.stream(values()).map(FileFormat::label).collect(Collectors.joining(", "));
    }
}
