package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.spi.Plugins;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.SupportsEntities;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an entity changes a Home's options is the factory's business ({@link SupportsEntities}); core
 * only replaces the {@code {entity}} left over and knows no plugin's rules by its type name.
 */
class EntityRulesTest {
    @TempDir
    Path dir;

    /** {@code type: shelf}: each entity on a shelf of its own, named in capitals; {@code {entity}} in {@code label} left to core. */
    public static final class Shelf {
        public String path;
        public String shelf;
        public String label;
        public int size = 1;
    }

    static final class ShelfFactory implements HomeFactory<Shelf>, SupportsEntities {
        public String type() {
            return "shelf";
        }

        public Class<Shelf> optionsType() {
            return Shelf.class;
        }

        public Home create(Shelf options, HyggeContext context) {
            throw new UnsupportedOperationException("config tests only bind options");
        }

        public Map<String, Object> forEntity(Map<String, Object> options, String entity) {
            Map<String, Object> own = new LinkedHashMap<>(options);
            own.put("shelf", entity.toUpperCase(java.util.Locale.ROOT));
            own.remove("size");
            return own;
        }
    }

    /**
     * {@code type: parquet} that is not the parquet plugin: a path and nothing else, and no
     * {@link SupportsEntities}. Core must treat it as any other type, whatever its name.
     */
    public static final class PathOnly {
        public String path;
    }

    static final class NamedParquetHomeFactory implements HomeFactory<PathOnly> {
        public String type() {
            return "parquet";
        }

        public Class<PathOnly> optionsType() {
            return PathOnly.class;
        }

        public Home create(PathOnly options, HyggeContext context) {
            throw new UnsupportedOperationException("config tests only bind options");
        }
    }

    static final class NamedParquetStoreFactory implements StoreFactory<PathOnly> {
        public String type() {
            return "parquet";
        }

        public Class<PathOnly> optionsType() {
            return PathOnly.class;
        }

        public Store create(PathOnly options, HyggeContext context) {
            throw new UnsupportedOperationException("config tests only bind options");
        }
    }

    private List<FlowDefinition> load(String yaml, Plugins plugins) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Project project = Project.load(dir, Map.<String, String>of()::get, plugins);
        project.validate(plugins);
        return project.flows();
    }

    @Test
    void theFactorysRulesApplyAndCoreReplacesTheEntityLeftOver() throws IOException {
        List<FlowDefinition> flows = load("""
                flows:
                  f:
                    home: {type: shelf, path: "in/{entity}", label: "the {entity} shelf", size: 3}
                    store: {type: noop}
                    entities: [orders, customers]
                """, TestKit.plugins().toBuilder().home(new ShelfFactory()).build());
        assertThat(flows).hasSize(2);
        assertThat(flows.get(0).home().options()).containsEntry("shelf", "ORDERS").containsEntry("label", "the orders shelf")
                .containsEntry("path", dir.resolve("in/orders").toString()).doesNotContainKey("size");
        assertThat(flows.get(1).home().options()).containsEntry("shelf", "CUSTOMERS");
    }

    @Test
    void aTypeNamedParquetWithoutRulesOfItsOwnGetsOnlyTheEntityReplaced() throws IOException {
        // a factory named parquet without SupportsEntities: core must not apply the parquet plugin's rules by name
        List<FlowDefinition> flows = load("""
                flows:
                  f:
                    home: {type: parquet, path: "landing/{entity}"}
                    store: {type: parquet, path: "lake/{entity}"}
                    entities: ["sales[2024]"]
                """, Plugins.builder().home(new NamedParquetHomeFactory()).store(new NamedParquetStoreFactory()).build());
        assertThat(flows.get(0).home().options()).containsEntry("path", dir.resolve("landing/sales[2024]").toString())
                .doesNotContainKey("entity");
        assertThat(flows.get(0).store().options()).containsEntry("path", dir.resolve("lake/sales[2024]").toString());
    }

    @Test
    void entitiesStarOfAHomeTypeNoListerServesSaysSo() throws IOException {
        Throwable thrown = catchThrowable(() -> load("""
                flows:
                  f:
                    home: {type: shelf, path: in/}
                    store: {type: noop}
                    entities: "*"
                """, TestKit.plugins().toBuilder().home(new ShelfFactory()).build()));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class)
                .hasMessageContaining("hygge.yml:5:")
                .hasMessageContaining("needs a plugin that lists the entities of a 'shelf' home");
    }
}
