/**
 * What the pooled SQL Homes share beyond {@code java.sql}: {@link dev.hygge.jdbc.home.StatementHomeOptions}
 * ({@code fetch_size}, {@code query_timeout} on top of hygge-core's {@code SqlHomeOptions}) and
 * {@link dev.hygge.jdbc.home.StatementHome}, which reads a table or query through a pooled
 * connection's prepared statement as Arrow batches, cut into key-range splits and restricted to the
 * rows after a watermark bound as a parameter ({@link dev.hygge.jdbc.home.BoundValue}).
 *
 * <pre>{@code
 * public final class MysqlHome extends StatementHome<MysqlWatermark> {
 *     MysqlHome(MysqlHomeOptions options, MysqlConnection connection) {
 *         super("mysql", connection.name(), options, connection::connection, new MysqlDialect(), MysqlTypeConverters.SET);
 *     }
 *     ...
 * }
 * }</pre>
 */
package dev.hygge.jdbc.home;
