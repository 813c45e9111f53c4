package dev.hygge.postgres;

import dev.hygge.jdbc.SqlHomeOptions;

/**
 * Options of a PostgreSQL Home: a {@code table} ({@code table} or {@code schema.table}) or a
 * {@code query}, the batch size, and optionally a read split into key ranges read in parallel; the
 * keys and their checks are the shared {@link SqlHomeOptions}. A read is one binary COPY, so there
 * is no fetch size.
 *
 * <pre>{@code
 * home:
 *   type: postgres
 *   connection: warehouse
 *   table: "crm.{entity}"           # or query: "SELECT * FROM crm.contact WHERE NOT deleted"
 *   batch_size: 100000              # rows per Arrow batch
 *   partition_column: id            # an integer column: read as `partitions` key ranges in parallel
 *   partitions: 4
 * }</pre>
 */
public class PostgresHomeOptions extends SqlHomeOptions {
    public PostgresHomeOptions() {
        super("a postgres connection");
    }
}
