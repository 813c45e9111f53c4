package dev.hygge;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.testkit.GeneratedHomeFactory;
import dev.hygge.testkit.NoopStoreFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginsTest {

    @Test
    void discoversFactoriesDeclaredInMetaInfServices() {
        Plugins plugins = Plugins.discover();

        assertThat(plugins.home("generated")).isInstanceOf(GeneratedHomeFactory.class);
        assertThat(plugins.store("NOOP")).isInstanceOf(NoopStoreFactory.class);
        assertThat(plugins.homeTypes()).contains("generated");
    }

    @Test
    void duplicateTypeNameFailsNamingBothFactories() {
        Plugins.Builder builder = Plugins.builder().home(new GeneratedHomeFactory());

        assertThatThrownBy(() -> builder.home(new GeneratedHomeFactory()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Duplicate Home type 'generated'")
                .hasMessageContaining(GeneratedHomeFactory.class.getName());
    }

    @Test
    void unknownTypeFailsListingTheKnownTypes() {
        Plugins plugins = Plugins.builder().home(new GeneratedHomeFactory()).store(new NoopStoreFactory()).build();

        assertThatThrownBy(() -> plugins.home("parqet"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown Home type 'parqet'; known types: generated");
        assertThatThrownBy(() -> plugins.store("x"))
                .hasMessage("Unknown Store type 'x'; known types: noop");
        assertThatThrownBy(() -> plugins.connection("mssql"))
                .hasMessageContaining("Unknown connection type 'mssql'; known types: (none");
    }

    @Test
    void optionsAreBoundFromSnakeCaseAndUnknownKeysAreNamed() {
        GeneratedHomeFactory.Options options = Options.bind(Map.of("rows", 5, "batch_size", 2),
                GeneratedHomeFactory.Options.class, "Home 'generated'");
        assertThat(options.rows).isEqualTo(5);
        assertThat(options.batchSize).isEqualTo(2);

        assertThatThrownBy(() -> Options.bind(Map.of("batch_sise", 2), GeneratedHomeFactory.Options.class,
                "Home 'generated'"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Home 'generated': unknown option 'batch_sise'")
                .hasMessageContaining("batch_size");
        assertThatThrownBy(() -> Options.bind(Map.of("rows", "many"), GeneratedHomeFactory.Options.class,
                "Home 'generated'"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rows' cannot be many");
    }
}
