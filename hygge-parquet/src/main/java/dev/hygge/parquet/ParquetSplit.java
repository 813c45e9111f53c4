package dev.hygge.parquet;

import dev.hygge.spi.Split;

/**
 * One file, or a range of whole row groups of one file, given as the file row numbers
 * {@code [firstRow, endRow)} its row groups cover.
 *
 * @param file the file's path
 * @param firstRow the first row of the range, 0 for a whole file
 * @param endRow the row after the range, or -1 for a whole file
 */
public record ParquetSplit(String file, long firstRow, long endRow) implements Split {
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
