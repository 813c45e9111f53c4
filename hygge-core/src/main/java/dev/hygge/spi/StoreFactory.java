package dev.hygge.spi;

/**
 * Creates Stores of one type. Found with {@link java.util.ServiceLoader}: declare the class in
 * {@code META-INF/services/dev.hygge.spi.StoreFactory}.
 *
 * @since 0.1
 */
public interface StoreFactory<O> extends PluginFactory<O> {
    Store create(O options, HyggeContext context);
}
