package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.HomeException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per file, whether a parquet Home reads a file with DuckDB or with Arrow Dataset
 * ({@link ArrowDatasetRead}): DuckDB reads every file it can; a file whose read DuckDB refuses
 * because it does not support something in it (Hadoop-framed {@code LZ4}, {@code BYTE_STREAM_SPLIT}
 * on integer or fixed-length columns, a map without values, as DuckDB 1.4 does) is read with Arrow
 * Dataset when Arrow Dataset opens it. The switch is logged at INFO and given to the flow as a
 * warning, once per file, with DuckDB's reason.
 *
 * <pre>{@code
 * ReadFallback fallback = new ReadFallback("parquet landing/orders", context::warn);
 * Columns columns = fallback.read(file, () -> readWith(fallback.byArrow(file) ? arrowDataset : duckdb));
 * fallback.byArrow(file);   // true once DuckDB refused the file and Arrow Dataset opened it
 * }</pre>
 *
 * <p>Only a refusal counts (DuckDB saying it does not support, or cannot interpret, what the file
 * holds): a corrupt page, a bad footer, a full memory or a cancelled query fail the read as
 * before, with DuckDB's message, even if Arrow Dataset might read past them.
 */
final class ReadFallback {
    private static final Logger LOG = LoggerFactory.getLogger(ReadFallback.class);
    /** DuckDB's words for a file it cannot decode (1.4: "Unsupported compression codec", "... is only supported for FLOAT or DOUBLE data", "MAP_KEY_VALUE requires two children"). */
    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)unsupported|not (yet )?supported|not implemented|only supported for|requires two children");

    private final String home;
    private final Consumer<String> warn;
    /** Files read by Arrow Dataset, with DuckDB's reason. */
    private final Map<Path, String> byArrow = new ConcurrentHashMap<>();

    ReadFallback(String home, Consumer<String> warn) {
        this.home = requireNonNull(home, "home is null");
        this.warn = requireNonNull(warn, "warn is null");
    }

    /** Whether {@code file} is read with Arrow Dataset (DuckDB refused it before). */
    boolean byArrow(Path file) {
        return byArrow.containsKey(file.toAbsolutePath().normalize());
    }

    /**
     * Whether Arrow Dataset reads {@code file} instead, after DuckDB failed on it with
     * {@code duckdbError}: true when that error (or its cause) is a refusal and Arrow Dataset opens
     * the file; the file is then read with Arrow Dataset from here on. When Arrow Dataset cannot
     * open it either, its error is added to {@code duckdbError} as suppressed and false is returned.
     */
    boolean takesOver(Path file, Throwable duckdbError) {
        if (byArrow(file)) {
            return false; // Arrow Dataset's read failed as well: the error is the flow's
        }
        Optional<String> reason = refusal(duckdbError);
        if (reason.isEmpty()) {
            return false;
        }
        try (RootAllocator allocator = new RootAllocator();
             ArrowReader reader = ArrowDatasetRead.open(file, 0, -1, 1, allocator)) {
            reader.getVectorSchemaRoot(); // the footer and schema read: Arrow Dataset can read the file
        } catch (Exception | LinkageError e) {
            duckdbError.addSuppressed(e);
            LOG.debug("{}: Arrow Dataset cannot read {} either", home, file, e);
            return false;
        }
        if (byArrow.putIfAbsent(file.toAbsolutePath().normalize(), reason.get()) == null) {
            String message = home + ": " + file + " is read with Arrow Dataset, as DuckDB cannot read it (" + reason.get()
                    + "); the columns and types are the same, the read is slower";
            LOG.info("{}", message);
            warn.accept(message);
        }
        return true;
    }

    /**
     * {@code read}, and once more when it failed on a file that DuckDB refuses and Arrow Dataset
     * reads ({@link #takesOver}): the second time {@link #byArrow} says so, and {@code read} reads it with Arrow Dataset.
     */
    <T> T read(Path file, Supplier<T> read) {
        try {
            return read.get();
        } catch (HomeException e) {
            if (takesOver(file, e)) {
                return read.get();
            }
            throw e;
        }
    }

    /** The line of DuckDB's message saying it does not support what the file holds, when {@code error} or a cause of it is such an SQL error. */
    static Optional<String> refusal(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SQLException && e.getMessage() != null) {
                // the line that says it (DuckDB 1.5 puts "Attempting to execute an unsuccessful ... query result" first)
                Optional<String> line = e.getMessage().lines().map(String::strip).filter(l -> REFUSAL.matcher(l).find()).findFirst();
                if (line.isPresent()) {
                    return line;
                }
            }
        }
        return Optional.empty();
    }
}
