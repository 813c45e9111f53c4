package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Done line's counts with warnings, and the warnings printed under it: ten per flow at most. */
class SummaryTableTest {
    private static RunReport.FlowReport flow(String name, String status, long rows, List<String> warnings) {
        return new RunReport.FlowReport(name, null, status, rows, rows, 10, 100, 0, null, 1, null, null, null, warnings);
    }

    private static String print(List<RunReport.FlowReport> flows) {
        StringWriter text = new StringWriter();
        RunReport report = new RunReport("p", "20261201T000000Z-abc", "succeeded", "2026-12-01T00:00:00Z", 10, 0, 0, flows.size(),
                0, flows, null, null, null, null);
        SummaryTable.print(new PrintWriter(text, true), report);
        return text.toString();
    }

    @Test
    void aFlowWithWarningsIsWarnEvenWithoutRowsAndAFailedOneStaysError() {
        String out = print(List.of(flow("a", "succeeded", 5, List.of()), flow("b", "succeeded", 5, List.of("b.csv: 1 bad row(s)")),
                flow("c", "succeeded", 0, List.of("c.csv: 3 bad row(s)")), flow("d", "succeeded", 0, List.of()),
                flow("e", "failed", 0, List.of("e.csv: 1 bad row(s)"))));
        assertThat(out).contains("Done. PASS=1 WARN=2 ERROR=1 SKIP=1 TOTAL=5");
        assertThat(out).contains("WARN b: b.csv: 1 bad row(s)", "WARN c: c.csv: 3 bad row(s)", "WARN e: e.csv: 1 bad row(s)");
    }

    @Test
    void aThousandWarningsPrintTenAndSayWhereTheRestAre() {
        List<String> many = IntStream.range(0, 1_000).mapToObj(i -> "part-" + i + ".csv: 1 bad row(s)").toList();
        String out = print(List.of(flow("orders", "succeeded", 5, many)));
        assertThat(out.lines().filter(l -> l.startsWith("WARN orders: part-"))).hasSize(10);
        assertThat(out).contains("WARN orders: ... and 990 more warnings, every one in the run record (.hygge/runs/20261201T000000Z-abc.json)");
    }
}
