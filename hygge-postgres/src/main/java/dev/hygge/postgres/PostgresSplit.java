package dev.hygge.postgres;

import dev.hygge.spi.Split;

/**
 * One part of a PostgreSQL Home's rows: the complete SELECT whose rows a binary COPY reads (its
 * watermark and key range written in as typed literals), so a split is a plain serialisable
 * description.
 *
 * @param select the statement
 * @param description for logs and errors
 */
public record PostgresSplit(String select, String description) implements Split {
    @Override
    public String describe() {
        return description;
    }
}
