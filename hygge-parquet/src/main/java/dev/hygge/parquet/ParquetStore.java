package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.StoreException;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes parquet files into a folder ({@code path/<entity>/} for a flow with an entity), with
 * embedded DuckDB's parquet writer fed through the Arrow C stream interface: one DuckDB
 * {@code COPY} per stream (and per file when {@code rows_per_file} is set), so several streams
 * encode in parallel.
 *
 * <pre>{@code
 * hygge.flow("sales").entity("orders").from(...)
 *      .to("parquet", Map.of("path", "lake/sales", "compression", "zstd", "if_exists", "replace"))
 *      .run();
 * }</pre>
 *
 * <p>Nothing is visible until the commit: files are staged in {@code _hygge_staging/<run>/}
 * inside the destination and renamed into place by the {@link Staging commit protocol}.
 */
final class ParquetStore implements Store {
    /** Streams one write takes at once: one DuckDB COPY each. */
    static final int MAX_STREAMS = 16;

    private final ParquetStoreOptions options;
    private final FilePattern pattern;
    private final DuckDb duckdb;
    private final HyggeContext context;

    ParquetStore(ParquetStoreOptions options, FilePattern pattern, DuckDb duckdb, HyggeContext context) {
        this.options = requireNonNull(options, "options is null");
        this.pattern = requireNonNull(pattern, "pattern is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public String describe() {
        return "parquet " + options.path;
    }

    @Override
    public int maxStreams() {
        return MAX_STREAMS;
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        Path destination = request.entity().map(e -> Path.of(options.path, e)).orElse(Path.of(options.path));
        if (Files.exists(destination) && !Files.isDirectory(destination)) {
            throw new StoreException("Parquet destination " + destination + " is a file, not a folder: point path at a folder");
        }
        Staging.recover(destination);
        if (options.ifExists.equals("fail")) {
            List<Path> existing = dataFiles(destination);
            if (!existing.isEmpty()) {
                throw new StoreException("Parquet destination " + destination + " already holds " + existing.size()
                        + " parquet file(s) (e.g. " + existing.get(0).getFileName() + ") and if_exists is 'fail'"
                        + ": use if_exists 'append' or 'replace', or another path");
            }
        }
        for (String column : options.partitionBy) {
            if (request.schema().getFields().stream().noneMatch(f -> f.getName().equals(column))) {
                throw new StoreException("Store " + describe() + ": partition_by column '" + column + "' is not among the columns "
                        + request.schema().getFields().stream().map(f -> f.getName()).toList());
            }
        }
        Staging staging = Staging.create(destination, request.runId());
        Map<String, String> names = Map.of("name", request.name(), "flow", request.flow(),
                "entity", request.entity().orElse(""));
        return new ParquetWrite(options, pattern, names, duckdb, staging, request.schema(), context.allocator());
    }

    /** The visible parquet files below {@code folder} (staging and other {@code _}/{@code .} names skipped). */
    static List<Path> dataFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> {
                        for (Path part : folder.relativize(f)) {
                            if (part.toString().startsWith("_") || part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .forEach(files::add);
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("Cannot list parquet destination " + folder + ": " + e, e);
        }
    }

    @Override
    public void close() {
        duckdb.close();
    }
}
