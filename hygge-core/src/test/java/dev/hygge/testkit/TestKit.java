package dev.hygge.testkit;

import dev.hygge.Hygge;
import dev.hygge.config.Project;
import dev.hygge.config.ProjectConfigException;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.StoreFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;

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

    /**
     * Writes {@code yaml} as {@code dir/hygge.yml}, loads and validates it with {@code plugins} and
     * the environment {@code env}, and returns the project error that must come of it (every
     * problem, with file and line). Fails the test when the project loads.
     */
    public static ProjectConfigException projectFails(Path dir, String yaml, Map<String, String> env, Plugins plugins)
            throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Throwable thrown = Assertions.catchThrowable(() -> Project.load(dir, env::get).validate(plugins));
        Assertions.assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        return (ProjectConfigException) thrown;
    }
}
