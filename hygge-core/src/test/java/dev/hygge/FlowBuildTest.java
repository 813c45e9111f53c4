package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.testkit.GeneratedHomeFactory;
import dev.hygge.testkit.NoopStoreFactory;
import dev.hygge.testkit.TestKit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK's checks happen when a flow is built, as {@code hygge validate}'s do when a project loads. */
class FlowBuildTest {
    private final Hygge hygge = TestKit.runtime(new GeneratedHomeFactory(), new NoopStoreFactory());

    @AfterEach
    void close() {
        hygge.close();
    }

    @Test
    void everyOptionProblemOfHomeAndStoreIsThrownByBuild() {
        Flow.Builder builder = hygge.flow("bad")
                .from("generated", Map.of("rowz", 1, "batch_size", 0))
                .to("noop", Map.of("max_streamz", 2));

        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Flow 'bad' has 2 problems")
                .hasMessageContaining("Home 'generated' of flow bad: unknown option 'rowz'")
                .hasMessageContaining("Store 'noop' of flow bad: unknown option 'max_streamz'");
    }

    @Test
    void anUnknownTypeIsThrownByBuild() {
        assertThatThrownBy(() -> hygge.flow("bad").from("nope", Map.of()).to("noop", Map.of()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown Home type 'nope'; known types: generated");
    }

    @Test
    void aFlowWithoutARuntimeIsCheckedWhenItRuns() {
        Flow flow = Flow.builder("later").from("generated", Map.of("rowz", 1)).to("noop", Map.of()).build();

        FlowResult result = hygge.run(flow);

        assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
        assertThat(result.error()).get().isInstanceOf(ConfigException.class)
                .extracting(Throwable::getMessage).asString().contains("unknown option 'rowz'");
    }
}
