package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.Plugins;
import dev.hygge.testkit.ChangingTable;
import dev.hygge.testkit.ChangingTableHome;
import dev.hygge.testkit.MemoryJournal;
import dev.hygge.testkit.MemoryTable;
import dev.hygge.testkit.MemoryTableStore;
import dev.hygge.testkit.TestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The journal row's {@code message}: a flow's warnings in it, and never more than {@link FlowJournal#MESSAGE_LIMIT} of them. */
class FlowJournalTest {
    private final Hygge hygge = TestKit.runtime(Plugins.builder().home(new ChangingTableHome.Factory(new ChangingTable()))
            .store(new MemoryTableStore.Factory(new MemoryTable())));

    @AfterEach
    void close() {
        hygge.close();
    }

    private Flow flow() {
        return hygge.flow("orders").from("changing", Map.of()).to("memory", Map.of()).journal(new MemoryJournal()).build();
    }

    private static FlowResult succeeded(List<String> warnings) {
        return new FlowResult("orders", Optional.empty(), FlowStatus.SUCCEEDED, 3, 3, 0, Duration.ofMillis(5), 0, Optional.empty(),
                1, Optional.empty(), warnings);
    }

    @Test
    void warningsAreTheMessage() {
        String message = FlowJournal.entry(flow(), "r-1", succeeded(List.of("a.csv: 2 bad row(s) skipped", "b.csv: 1 bad row(s) skipped")),
                Instant.now()).message();
        assertThat(message).isEqualTo("a.csv: 2 bad row(s) skipped; b.csv: 1 bad row(s) skipped");
        assertThat(FlowJournal.entry(flow(), "r-1", succeeded(List.of()), Instant.now()).message()).isNull();
    }

    @Test
    void aThousandWarningsAreCutToTheLimit() {
        List<String> warnings = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> String.format(
                "landing/part-%04d.csv: 1 bad row(s) skipped (on_bad_row: skip): line 3, column 'amount': cannot convert", i)).toList();
        String message = FlowJournal.entry(flow(), "r-1", succeeded(warnings), Instant.now()).message();
        assertThat(message).startsWith(warnings.get(0) + "; " + warnings.get(1)).endsWith("...");
        assertThat(message.length()).isLessThanOrEqualTo(FlowJournal.MESSAGE_LIMIT + 3);
    }
}
