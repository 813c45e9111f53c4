package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entities: "*" through a lister: unusable names are errors (exclude: leaves them out). Folders: hygge-parquet's ParquetDiscoveredEntitiesTest. */
class DiscoveredEntitiesTest {
    @TempDir
    Path dir;

    @Test
    void tablesAListerFindsAreCheckedByTheSameRules() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  warehouse: {type: catalog, tables: "crm.orders,crm.a/b,crm.x ,crm.nul\\0,crm.keep"}
                flows:
                  f:
                    home: {type: catalog, connection: warehouse, table: "crm.{entity}"}
                    store: lake/
                    entities: "*"
                    exclude: [keep]
                """);
        Throwable thrown = catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        assertThat(((ProjectConfigException) thrown).problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:7:5: entities: \"*\" of flow 'f' found 'a/b', whose name holds a path separator (/); entity names become"
                        + " folder, file and table names: rename it, or add it to exclude: to leave it out",
                "hygge.yml:7:5: entities: \"*\" of flow 'f' found 'nul\\0', whose name holds a control character (a NUL, \\0);"
                        + " entity names become folder, file and table names: rename it, or add it to exclude: to leave it out",
                "hygge.yml:7:5: entities: \"*\" of flow 'f' found 'x ', whose name has trailing spaces; entity names become folder,"
                        + " file and table names: rename it, or add it to exclude: to leave it out");
    }

}
