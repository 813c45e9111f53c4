package dev.hygge.parquet;

import dev.hygge.spi.NarrowingReader;
import java.util.ArrayList;
import java.util.List;

/**
 * How the parquet Home cuts a file into splits: ranges of whole row groups of about
 * {@code split_rows} rows, the rows per batch for a file's widest row group, and which ranges an
 * incremental read can leave out by their row groups' statistics.
 */
final class SplitRanges {
    /** Bytes an Arrow batch is sized for: wide rows get fewer rows per batch, so memory stays bounded. */
    static final long BATCH_BYTES = 64L << 20;

    private SplitRanges() {
    }

    /** Whether a row group of {@code split}'s range may hold a row after the watermark, by its statistics. */
    static boolean anyQualifies(ParquetSplit split, List<Long> groupRows, List<Boolean> groupQualifies) {
        long start = 0;
        for (int i = 0; i < groupRows.size(); i++) {
            boolean inside = split.isWholeFile() || start >= split.firstRow() && start < split.endRow();
            if (inside && groupQualifies.get(i)) {
                return true;
            }
            start += groupRows.get(i);
        }
        return false;
    }

    /**
     * Rows per batch so that a batch holds about {@link #BATCH_BYTES} at {@code bytesPerRow} (the
     * parquet footer's uncompressed sizes: dictionary-encoded columns can expand further, which the
     * {@link NarrowingReader} then cuts), never more than {@code batchSize} nor fewer than 64 rows.
     */
    static int batchRows(double bytesPerRow, int batchSize) {
        if (bytesPerRow <= 0) {
            return batchSize;
        }
        long rows = (long) (BATCH_BYTES / bytesPerRow);
        return (int) Math.max(Math.min(batchSize, 64), Math.min(batchSize, rows));
    }

    /**
     * Cuts a file's row groups into {@code round(rows / splitRows)} ranges (never more than there
     * are row groups) of about equal rows: a range ends at the row group boundary nearest to its
     * share, so streams taking ranges in turn get even work and none is left with a small last
     * range. One range is the whole file.
     */
    static List<ParquetSplit> ranges(String file, List<Long> groupRows, long splitRows) {
        long total = groupRows.stream().mapToLong(Long::longValue).sum();
        long count = Math.min(groupRows.size(), Math.max(1, Math.round((double) total / splitRows)));
        if (count <= 1) {
            return List.of(ParquetSplit.whole(file));
        }
        List<ParquetSplit> ranges = new ArrayList<>();
        long start = 0;
        long end = 0;
        for (int i = 0; i < groupRows.size() - 1 && ranges.size() < count - 1; i++) {
            end += groupRows.get(i);
            // a range ends at the row group boundary nearest to its share of the rows
            long share = Math.round((double) total * (ranges.size() + 1) / count);
            if (end >= share || share - end < end + groupRows.get(i + 1) - share) {
                ranges.add(new ParquetSplit(file, start, end));
                start = end;
            }
        }
        ranges.add(new ParquetSplit(file, start, total));
        return ranges;
    }
}
