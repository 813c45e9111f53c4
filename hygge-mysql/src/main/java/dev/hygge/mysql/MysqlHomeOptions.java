package dev.hygge.mysql;

import dev.hygge.jdbc.home.StatementHomeOptions;

/**
 * Options of a MySQL / MariaDB Home: a {@code table} ({@code table} or {@code database.table}) or a
 * {@code query}, batch and fetch sizes, and optionally a read split by key ranges; the keys and
 * their checks are hygge-jdbc's {@link StatementHomeOptions}. The driver streams the result rather
 * than holding it whole, {@code fetch_size} rows at a time.
 *
 * <pre>{@code
 * home:
 *   type: mysql
 *   connection: shop
 *   table: "shop.{entity}"          # or query: "SELECT * FROM shop.orders WHERE status = 'paid'"
 *   batch_size: 100000              # rows per Arrow batch
 *   fetch_size: 10000               # rows the driver reads ahead from the stream
 *   partition_column: id            # an integer column: read as `partitions` key ranges in parallel
 *   partitions: 4
 * }</pre>
 */
public class MysqlHomeOptions extends StatementHomeOptions {
    public MysqlHomeOptions() {
        super("a mysql connection", " (the result is streamed)");
    }
}
