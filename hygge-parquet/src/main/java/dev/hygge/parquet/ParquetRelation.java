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
 * {@code UNION ALL} in split order, a file's adjacent splits scanned as the whole file or a few ranges ({@link #merged}). It
 * runs on any DuckDB connection (it names files, not a database), so a Store on its own embedded
 * DuckDB copies it there; its row count is the footers' when nothing filters the rows.
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
        for (ParquetSplit split : merged(splits, footers)) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append(scan.apply(split));
            bound.addAll(parameters);
            OptionalLong count = counted ? rows(split, footers.get(Path.of(split.file()))) : OptionalLong.empty();
            counted = count.isPresent();
            rows += count.orElse(0);
        }
        String what = home + ": " + (splits.size() == 1 ? splits.get(0).describe() : splits.size() + " splits from "
                + splits.get(0).describe() + " to " + splits.get(splits.size() - 1).describe());
        Optional<EngineRelation.Slicer> slicer = counted
                ? Optional.of(per -> cut(splits, footers, per).stream().map(slice -> of(home, slice, scan, parameters, footers, fields)).toList())
                : Optional.empty();
        return new EngineRelation(ENGINE, sql.toString(), bound, new Schema(fields), counted ? OptionalLong.of(rows)
                : OptionalLong.empty(), Optional.empty(), what, Optional.empty(), slicer);
    }

    /**
     * {@code splits} as consecutive groups of {@code per} rows each (the last fewer), each split cut
     * where a group ends, by the footers' row counts; splits of no rows are left out, and no group is
     * empty. The rows and their order stay the splits' one after another.
     */
    static List<List<ParquetSplit>> cut(List<ParquetSplit> splits, Map<Path, RowGroups.File> footers, long per) {
        List<List<ParquetSplit>> groups = new ArrayList<>();
        List<ParquetSplit> group = new ArrayList<>();
        long room = per;
        for (ParquetSplit split : splits) {
            long first = split.firstRow();
            long end = first + rows(split, footers.get(Path.of(split.file()))).orElseThrow();
            while (first < end) {
                long take = Math.min(room, end - first);
                group.add(split.isWholeFile() && take == end ? split : new ParquetSplit(split.file(), first, first + take, split.batchRows()));
                first += take;
                room -= take;
                if (room == 0) {
                    groups.add(group);
                    group = new ArrayList<>();
                    room = per;
                }
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /**
     * At most this many scans of one file's adjacent row ranges in a relation that reads part of the file. Each
     * scan of a union is a pipeline of its own: ten ranges of a 10M-row file loaded 5-25% slower than one scan,
     * where two or four cost nothing measurable in a {@code COPY} (DuckDB 1.4, 2 cores). With DuckDB 1.5, the
     * parquet Store's two {@code COPY}s of one half of a file each ran 1.13 x DuckDB's own {@code COPY} as one
     * range each and 1.19 as four, in back-to-back rounds: within the benchmark's noise, so this stays.
     */
    static final int MAX_SCANS_PER_FILE = 4;

    /**
     * {@code splits} with each run of adjacent row ranges of one file joined: as the whole file (one scan without
     * a {@code file_row_number} filter) when the run holds every row of it by {@code footers}, else as at most
     * {@value #MAX_SCANS_PER_FILE} ranges of consecutive splits, as evenly as the splits allow; the rows and their
     * order stay those of the splits one after another. A whole file as four ranges loaded into a DuckDB table
     * ~4 % slower than one scan of it (2.83 against 2.70 s, bare DuckDB 1.5, 10M rows, 2 cores). (DuckDB 1.4's
     * query progress for a one-file scan could report the file done from its start; 1.5's counts the rows as
     * they are read, 13 of 13 probes, and {@code EnginePathTest} checks a copy's progress below its total.)
     */
    static List<ParquetSplit> merged(List<ParquetSplit> splits, Map<Path, RowGroups.File> footers) {
        List<ParquetSplit> merged = new ArrayList<>();
        int i = 0;
        while (i < splits.size()) {
            int end = i + 1;
            while (end < splits.size() && adjacent(splits.get(end - 1), splits.get(end))) {
                end++;
            }
            ParquetSplit first = splits.get(i);
            ParquetSplit all = first == splits.get(end - 1) ? first
                    : new ParquetSplit(first.file(), first.firstRow(), splits.get(end - 1).endRow(), first.batchRows());
            if (covers(all, footers.get(Path.of(all.file())))) {
                merged.add(ParquetSplit.whole(all.file()).withBatchRows(all.batchRows()));
                i = end;
                continue;
            }
            int run = end - i;
            int scans = Math.min(run, MAX_SCANS_PER_FILE);
            for (int scan = 0; scan < scans; scan++) {
                ParquetSplit from = splits.get(i + run * scan / scans);
                ParquetSplit to = splits.get(i + run * (scan + 1) / scans - 1);
                merged.add(from == to ? from : new ParquetSplit(from.file(), from.firstRow(), to.endRow(), from.batchRows()));
            }
            i = end;
        }
        return merged;
    }

    /** Whether {@code range} holds every row of its file, by the file's footer (false when it was not read). */
    private static boolean covers(ParquetSplit range, RowGroups.File file) {
        return !range.isWholeFile() && file != null && range.firstRow() == 0
                && range.endRow() >= file.rows().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean adjacent(ParquetSplit a, ParquetSplit b) {
        return a.file().equals(b.file()) && !a.isWholeFile() && !b.isWholeFile() && a.endRow() == b.firstRow();
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
