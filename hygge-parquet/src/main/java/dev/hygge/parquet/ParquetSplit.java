package dev.hygge.parquet;

import dev.hygge.spi.Split;

/**
 * One file, or a range of whole row groups of one file, given as the file row numbers
 * {@code [firstRow, endRow)} its row groups cover.
 *
 * @param file the file's path
 * @param firstRow the first row of the range, 0 for a whole file
 * @param endRow the row after the range, or -1 for a whole file
 * @param batchRows rows per Arrow batch for this file, bounded by its bytes per row; 0 for the Home's {@code batch_size}
 */
public record ParquetSplit(String file, long firstRow, long endRow, int batchRows) implements Split {
    public ParquetSplit(String file, long firstRow, long endRow) {
        this(file, firstRow, endRow, 0);
    }

    ParquetSplit withBatchRows(int rows) {
        return new ParquetSplit(file, firstRow, endRow, rows);
    }

    /** A whole file. */
    static ParquetSplit whole(String file) {
        return new ParquetSplit(file, 0, -1);
    }

    boolean isWholeFile() {
        return endRow < 0;
    }

    @Override
    public String describe() {
        return isWholeFile() ? file : file + " (rows " + firstRow + ".." + (endRow - 1) + ")";
    }
}
