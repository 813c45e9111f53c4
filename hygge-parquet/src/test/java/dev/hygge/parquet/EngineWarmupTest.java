package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineWarmupTest {
    @Test
    void warmsTheEngineOncePerJvm() throws Exception {
        var first = EngineWarmup.start();
        assertThat(first.get(2, TimeUnit.MINUTES)).as("the warm-up loaded DuckDB and ran its Arrow export").isTrue();
        assertThat(EngineWarmup.start()).as("a second start reuses the first warm-up").isSameAs(first);
    }

    @Test
    void startsFromTheFactoriesOptionsType() throws Exception {
        new ParquetHomeFactory().optionsType();
        new ParquetStoreFactory().optionsType();
        assertThat(EngineWarmup.start().get(2, TimeUnit.MINUTES)).isTrue();
    }
}
