package dev.hygge.spi;

/**
 * Creates Homes of one type. Found with {@link java.util.ServiceLoader}: declare the class in
 * {@code META-INF/services/dev.hygge.spi.HomeFactory}.
 *
 * @since 0.1
 */
public interface HomeFactory<O> extends PluginFactory<O> {
    Home create(O options, HyggeContext context);

    /**
     * Marks a factory whose Homes implement {@link SupportsIncremental}: a project may give its
     * flows {@code run_type: incremental}.
     *
     * @since 0.1
     */
    interface ReadsIncrementally {
    }
}
