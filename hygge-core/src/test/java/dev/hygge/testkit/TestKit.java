package dev.hygge.testkit;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.StoreFactory;
import java.time.Duration;

/**
 * Starting points for plugin tests: a runtime with only the factories a test registers (no
 * discovery), progress logging off.
 *
 * <pre>{@code
 * try (Hygge hygge = TestKit.runtime(Plugins.builder().store(new ParquetStoreFactory()))) {
 *     hygge.flow("t").from(GeneratedHome.builder(TestBatches.allTypes()).rows(10_000).build())
 *          .to("parquet", Map.of("path", dir.toString())).run();
 * }
 * }</pre>
 */
public final class TestKit {
    private TestKit() {}

    /** A runtime with exactly these factories. */
    public static Hygge runtime(Plugins.Builder plugins) {
        return Hygge.builder().plugins(plugins.build()).progressInterval(null).build();
    }

    /** A runtime with these factories registered directly. */
    public static Hygge runtime(HomeFactory<?> home, StoreFactory<?> store) {
        return runtime(Plugins.builder().home(home).store(store));
    }

    /**
     * The test kit's generic factories, {@code generated} (Home) and {@code noop} (Store): enough
     * for config tests that need no real plugin's options. Tests that do run where the plugins are
     * (hygge-cli's tests hold them all) with {@link Plugins#discover()}.
     */
    public static Plugins plugins() {
        return Plugins.builder().home(new GeneratedHomeFactory()).store(new NoopStoreFactory()).build();
    }

    /** A runtime with every discovered plugin, progress logged every second. */
    public static Hygge discovered() {
        return Hygge.builder().progressInterval(Duration.ofSeconds(1)).build();
    }
}
