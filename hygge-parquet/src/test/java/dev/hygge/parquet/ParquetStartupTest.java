package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.StartupTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The parquet plugin's startup task is found by the warm-up and leaves the DuckDB library loaded and its copy deleted. */
class ParquetStartupTest {
    @Test
    void isRegisteredAndLoadsDuckDbWithoutLeavingItsCopy() throws Exception {
        assertThat(ServiceLoader.load(StartupTask.class).stream().map(ServiceLoader.Provider::type))
                .contains(ParquetStartup.class);

        new ParquetStartup().run();
        new ParquetStartup().run();                 // twice is harmless

        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertThat(maps).as("DuckDB's library is mapped").contains("libduckdb_java");
        assertThat(maps.lines().filter(l -> l.contains("libduckdb_java")).filter(l -> !l.endsWith("(deleted)")))
                .as("and its extracted copy is gone").isEmpty();
    }
}
