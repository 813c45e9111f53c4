/**
 * What every SQL Store shares and needs only {@code java.sql}: a {@link dev.hygge.jdbc.SqlDialect},
 * the {@link dev.hygge.jdbc.TablePlanner} that decides a write without writing, and the
 * {@link dev.hygge.jdbc.TableWriter} that runs {@code if_exists} × {@code write_strategy},
 * schema evolution and {@code on_overflow} over a {@link dev.hygge.jdbc.ConnectionSource} and a
 * dialect's {@link dev.hygge.jdbc.BulkLoader}, and the {@link dev.hygge.jdbc.StateSql state table}
 * where an incremental load's watermark is committed with its rows. What the pooled SQL plugins
 * share beyond that: {@link dev.hygge.jdbc.PooledTableStore} (a Store's streams, names and writer),
 * {@link dev.hygge.jdbc.SqlHomeOptions} and {@link dev.hygge.jdbc.SqlHomeFactory} (a Home's keys,
 * their checks, table/query alternatives and entities).
 *
 * <pre>{@code
 * TableWriter writer = TableWriter.builder(dialect).connections(pool).loader(bulkCopy)
 *         .options(storeOptions).allocator(allocator).build();
 * TablePlan plan = writer.planner().plan(request);   // dry run: the DDL and why, nothing written
 * StoreWrite write = writer.begin(request);          // what Store.begin returns
 * }</pre>
 */
package dev.hygge.jdbc;
