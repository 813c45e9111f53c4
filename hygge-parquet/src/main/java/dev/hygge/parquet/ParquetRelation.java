package dev.hygge.parquet;

import dev.hygge.spi.EngineRelation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Splits of a parquet Home as one DuckDB relation: each split's scan, as the Home's Arrow read runs
 * it ({@code SELECT ... FROM read_parquet([...]) WHERE file_row_number ...}), joined by
 * {@code UNION ALL} in split order. It runs on any DuckDB connection (it names files, not a
 * database), so a Store on its own embedded DuckDB copies it there; its row count is the footers'
 * when nothing filters the rows.
 */
final class ParquetRelation {
    /** The engine both the parquet Home and the DuckDB-based Stores run on. */
    static final String ENGINE = "duckdb";

    private ParquetRelation() {}

    /**
     * @param scan the query of one split
     * @param parameters the parameters of each split's query (the watermark's), repeated per split
     * @param footers the files' row groups, for the row count; empty when a filter makes it unknown
     */
    static EngineRelation of(String home, List<ParquetSplit> splits, Function<ParquetSplit, String> scan, List<Object> parameters,
                             Map<Path, RowGroups.File> footers, List<Field> fields) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("a relation of no splits");
        }
        StringBuilder sql = new StringBuilder();
        List<Object> bound = new ArrayList<>();
        long rows = 0;
        boolean counted = !footers.isEmpty();
        for (ParquetSplit split : splits) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append(scan.apply(split));
            bound.addAll(parameters);
            OptionalLong count = counted ? rows(split, footers.get(Path.of(split.file()))) : OptionalLong.empty();
            counted = count.isPresent();
            rows += count.orElse(0);
        }
        String what = home + ": " + (splits.size() == 1 ? splits.get(0).describe() : splits.size() + " splits from "
                + splits.get(0).describe() + " to " + splits.get(splits.size() - 1).describe());
        return new EngineRelation(ENGINE, sql.toString(), bound, new Schema(fields), counted ? OptionalLong.of(rows)
                : OptionalLong.empty(), Optional.empty(), what);
    }

    /** The rows of {@code split} by its file's footer; empty when the footer was not read. */
    static OptionalLong rows(ParquetSplit split, RowGroups.File file) {
        if (file == null) {
            return OptionalLong.empty();
        }
        long total = file.rows().stream().mapToLong(Long::longValue).sum();
        return OptionalLong.of(split.isWholeFile() ? total : Math.min(split.endRow(), total) - split.firstRow());
    }
}
