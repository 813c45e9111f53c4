package dev.hygge.spi;

import java.nio.file.Path;

/**
 * Opens run journals kept in one file format (the original's: {@code parquet}). Found with
 * {@link java.util.ServiceLoader}: declare the class in {@code META-INF/services/dev.hygge.spi.JournalFactory}.
 *
 * @since 0.1
 */
public interface JournalFactory {
    /** The format's name, such as {@code parquet}. */
    String format();

    /**
     * The journal in {@code file} (such as {@code <store path>/.hygge_journal/journal.parquet}),
     * created on the first record when it does not exist.
     *
     * @throws ConfigException when the file exists and is not a journal of this format
     */
    RunJournal open(Path file);
}
