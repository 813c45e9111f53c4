package dev.hygge.spi;

/**
 * Opens named connections of one type (a SQL Server pool, a DuckDB database). Found with
 * {@link java.util.ServiceLoader}: declare the class in
 * {@code META-INF/services/dev.hygge.spi.ConnectionFactory}.
 *
 * @since 0.1
 */
public interface ConnectionFactory<O> extends PluginFactory<O> {
    Connection open(String name, O options, HyggeContext context);
}
