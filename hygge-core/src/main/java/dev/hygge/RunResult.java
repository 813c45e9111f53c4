package dev.hygge;

import java.time.Duration;
import java.util.List;

/** What a run of many flows did: one {@link FlowResult} per flow, in the order the flows were given. */
public record RunResult(List<FlowResult> flows, Duration duration) {
    public RunResult {
        flows = List.copyOf(flows);
    }

    public boolean succeeded() {
        return flows.stream().allMatch(FlowResult::succeeded);
    }

    public List<FlowResult> failed() {
        return flows.stream().filter(f -> !f.succeeded()).toList();
    }

    public long rowsWritten() {
        return flows.stream().mapToLong(FlowResult::rowsWritten).sum();
    }

    public double rowsPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds > 0 ? rowsWritten() / seconds : 0;
    }
}
