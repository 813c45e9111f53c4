package dev.hygge.spi;

import java.io.Serializable;

/**
 * One independent part of a Home's rows: a file, a row-group range, a key range of a table.
 * Splits are plain serialisable descriptions, so a distributed engine could schedule them too.
 *
 * @since 0.1
 */
public interface Split extends Serializable {
    /** A short human description used in logs and errors, e.g. the file path. */
    String describe();
}
