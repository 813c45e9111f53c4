package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.polish.ColumnCase;
import dev.hygge.polish.Constant;
import dev.hygge.polish.HashId;
import dev.hygge.polish.Polish;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Watermark;
import dev.hygge.testkit.ChangingTable;
import dev.hygge.testkit.ChangingTableHome;
import dev.hygge.testkit.MemoryJournal;
import dev.hygge.testkit.MemoryTable;
import dev.hygge.testkit.MemoryTableStore;
import dev.hygge.testkit.TestKit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A polished flow on the engine: the watermark is read from the Home's own column before the
 * polish renames it, a merge key names the polished column, and a polish that does not fit the
 * Home's columns fails the flow with nothing written.
 */
class PolishedFlowTest {
    private static final LocalDateTime T0 = LocalDateTime.parse("2026-12-01T10:00:00");

    private final ChangingTable source = new ChangingTable();
    private final MemoryTable destination = new MemoryTable();
    private final Hygge hygge = TestKit.runtime(Plugins.builder().home(new ChangingTableHome.Factory(source))
            .store(new MemoryTableStore.Factory(destination)));

    @AfterEach
    void close() {
        hygge.close();
    }

    private static final Polish POLISH = Polish.builder()
            .columns(false, false, ColumnCase.PASCAL)
            .hashId(HashId.of("row_key", "id"))
            .constant(Constant.of("source", "crm"))
            .build();

    private FlowResult run(Polish polish, Map<String, ?> store) {
        return hygge.run(hygge.flow("orders").from("changing", Map.of("batch_size", 2)).to("memory", store)
                .incremental(Incremental.on("updated_at")).retryDelay(Duration.ZERO).journal(new MemoryJournal())
                .polish(polish).build());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theWatermarkIsTheHomesColumnAndTheRowsArePolished() throws Exception {
        source.add(1, T0.plusNanos(1), "a").add(2, T0.plusNanos(2), "b").add(3, T0.plusNanos(3), "c");
        FlowResult first = run(POLISH, Map.of("merge_on", "Id"));
        assertThat(first.succeeded()).as("%s", first.error()).isTrue();
        assertThat(first.watermark().get().committed()).contains(Watermark.of(T0.plusNanos(3)));
        assertThat(destination.rows()).hasSize(3).allSatisfy(row -> assertThat(row).hasSize(6).element(5).hasToString("crm"));
        List<Object> one = destination.rows().stream().filter(r -> r.get(1).equals(1L)).findFirst().orElseThrow();
        assertThat(one.get(0)).hasToString(sha256("1"));

        source.add(2, T0.plusNanos(4), "b again");
        FlowResult second = run(POLISH, Map.of("merge_on", "Id"));
        assertThat(second.rowsRead()).as("only the newer row").isEqualTo(1);
        assertThat(destination.rows()).as("merged on the polished key Id").hasSize(3);
        assertThat(second.watermark().get().committed()).contains(Watermark.of(T0.plusNanos(4)));
    }

    @Test
    void aPolishThatDoesNotFitFailsTheFlowAndWritesNothing() {
        source.add(1, T0.plusNanos(1), "a");
        FlowResult result = run(Polish.builder().hashId(HashId.of("h", "nope")).build(), Map.of());
        assertThat(result.succeeded()).isFalse();
        assertThat(result.error().get()).hasMessageContaining("from_columns names 'nope', which is not a column of the Home's rows");
        assertThat(destination.rows()).isEmpty();
        assertThat(destination.commits()).isZero();
    }
}
