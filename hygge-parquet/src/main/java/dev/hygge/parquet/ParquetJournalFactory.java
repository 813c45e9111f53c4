package dev.hygge.parquet;

import dev.hygge.spi.JournalFactory;
import dev.hygge.spi.RunJournal;
import java.nio.file.Path;

/**
 * Opens run journals in the original hygge's format, {@code parquet} ({@link ParquetJournal}); found
 * by the engine and {@code hygge journal} through {@link java.util.ServiceLoader}, so neither names
 * this plugin.
 */
public final class ParquetJournalFactory implements JournalFactory {
    public static final String FORMAT = "parquet";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public RunJournal open(Path file) {
        return ParquetJournal.open(file);
    }
}
