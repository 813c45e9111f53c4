package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.testkit.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parquet plugin's DuckDB starts without DuckDB's JFR memory event unless asked; a child JVM each, as the driver decides once. */
class DuckDbMemoryEventsTest {
    @Test
    void theDriverRegistersNoMemoryEventUnlessAsked() throws Exception {
        assertThat(ChildJvm.output(List.of(), MemoryEventsChild.class)).isEqualTo("value=42 registered=false");
        assertThat(ChildJvm.output(List.of("-Dhygge.duckdb.memory_events=true"), MemoryEventsChild.class))
                .isEqualTo("value=42 registered=true");
    }
}
