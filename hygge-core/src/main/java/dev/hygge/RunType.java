package dev.hygge;

import java.util.Locale;

/**
 * How a flow loads: everything ({@code full_drop}, the default) or only what changed since the last
 * committed watermark ({@code incremental}). The names are the original hygge's, as YAML and the
 * journal write them.
 */
public enum RunType {
    /** Read every row; the Store's {@code if_exists} decides what happens to what was there. */
    FULL_DROP,
    /** Read the rows whose watermark column is past the last committed watermark; add them to the destination. */
    INCREMENTAL;

    /** {@code full_drop} or {@code incremental}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
