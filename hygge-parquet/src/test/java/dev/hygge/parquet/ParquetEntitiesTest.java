package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.config.EntityLister;
import dev.hygge.spi.SupportsEntities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parquet plugin's own entity rules, reached by core only through SupportsEntities and EntityLister. */
class ParquetEntitiesTest {
    @TempDir
    Path dir;

    private static Map<String, Object> home(String path, String entity) {
        return new ParquetHomeFactory().forEntity(Map.of("path", path, "batch_size", 500), entity);
    }

    @Test
    void aHomeFolderReadsTheEntityThroughItsEntityOption() {
        assertThat(home("landing/", "orders")).containsEntry("path", "landing/").containsEntry("entity", "orders")
                .containsEntry("batch_size", 500);
        assertThat(home("landing/{entity}", "orders")).containsEntry("path", "landing").containsEntry("entity", "orders");
        assertThat(home("{entity}/", "orders")).containsEntry("path", ".").containsEntry("entity", "orders");
    }

    @Test
    void anEntityOptionAlreadySetIsKept() {
        Map<String, Object> own = new ParquetHomeFactory().forEntity(Map.of("path", "landing/{entity}", "entity", "fixed"), "orders");
        assertThat(own).containsEntry("path", "landing").containsEntry("entity", "fixed");
    }

    @Test
    void globCharactersOfTheNameAreEscapedWhereTheNameBecomesPartOfThePath() {
        assertThat(home("landing/", "sales[2024]")).containsEntry("path", "landing/sales\\[2024\\]/**").doesNotContainKey("entity");
        assertThat(home("landing/{entity}.parquet", "a[1]")).containsEntry("path", "landing/a\\[1\\].parquet")
                .doesNotContainKey("entity");
        assertThat(home("landing/{entity}/*.parquet", "a{b}")).containsEntry("path", "landing/a\\{b\\}/*.parquet");
    }

    @Test
    void theStoreDropsATrailingEntityFolderAndLeavesTheRestToCore() {
        SupportsEntities store = new ParquetStoreFactory();
        assertThat(store.forEntity(Map.of("path", "lake/{entity}/"), "orders")).containsEntry("path", "lake");
        assertThat(store.forEntity(Map.of("path", "lake/{entity}_v2"), "orders")).containsEntry("path", "lake/{entity}_v2");
        assertThat(store.forEntity(Map.of("path", "lake"), "sales[2024]")).containsEntry("path", "lake");
    }

    @Test
    void theListerIsDiscoveredAndListsSubFoldersButHiddenAndStagingOnes() throws IOException {
        for (String name : new String[] {"orders", "customers", ".hidden", "_staging", "a[1]"}) {
            Files.createDirectories(dir.resolve("landing").resolve(name));
        }
        Files.writeString(dir.resolve("landing").resolve("loose.parquet"), "not a folder");
        EntityLister lister = ServiceLoader.load(EntityLister.class).stream().map(ServiceLoader.Provider::get)
                .filter(l -> l.homeType().equals("parquet")).findFirst().orElseThrow();
        assertThat(lister.entities(Map.of("path", dir.resolve("landing").toString())))
                .containsExactly("a[1]", "customers", "orders");
        assertThat(lister.entities(Map.of("path", dir.resolve("landing") + "/{entity}/*.parquet")))
                .containsExactly("a[1]", "customers", "orders");
    }

    @Test
    void theListerSaysWhatToFix() {
        ParquetEntityLister lister = new ParquetEntityLister();
        assertThatThrownBy(() -> lister.entities(Map.of("path", dir.resolve("missing").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(dir.resolve("missing") + " is not a folder; create it");
        assertThatThrownBy(() -> lister.entities(Map.of("path", dir + "/*/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not the glob");
        assertThatThrownBy(() -> lister.entities(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("no path");
    }
}
