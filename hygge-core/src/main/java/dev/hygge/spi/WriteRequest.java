package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a Store needs to begin a write.
 *
 * @param flow the flow's name (for logs and file names)
 * @param entity the entity this flow moves, if any
 * @param schema the schema of every stream
 * @param streams how many streams the engine will feed (at most {@link Store#maxStreams()})
 * @param sample the leading rows the Store asked for through {@link Store#sampleRows()}, read-only
 *     and owned by the engine (they are replayed to the write afterwards); empty when none were asked for
 * @param runId an identifier of this run, unique enough for staging names
 * @param lockWait how long the write waits for another writer of the same destination to finish
 *     ({@link DestinationLock}) before it fails naming that writer
 * @param incremental whether this is an incremental run ({@code run_type: incremental}): the rows
 *     are what changed since the last watermark, so they are added to the destination (appended, or
 *     merged where the Store merges), never replace it, whatever {@code if_exists} says for full loads
 * @since 0.1
 */
public record WriteRequest(String flow, Optional<String> entity, Schema schema, int streams,
                           List<VectorSchemaRoot> sample, String runId, Duration lockWait, boolean incremental) {
    /** How long a write waits for the destination's lock unless told otherwise: {@link FlowLimits#LOCK_TIMEOUT}. */
    public static final Duration DEFAULT_LOCK_WAIT = FlowLimits.LOCK_TIMEOUT;

    public WriteRequest {
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(sample, "sample is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(lockWait, "lockWait is null");
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be at least 1: " + streams);
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative: " + lockWait);
        }
        sample = List.copyOf(sample);
    }

    /** A full load's request. */
    public WriteRequest(String flow, Optional<String> entity, Schema schema, int streams, List<VectorSchemaRoot> sample,
                        String runId, Duration lockWait) {
        this(flow, entity, schema, streams, sample, runId, lockWait, false);
    }

    /** A full load's request that waits {@link #DEFAULT_LOCK_WAIT} for the destination's lock. */
    public WriteRequest(String flow, Optional<String> entity, Schema schema, int streams, List<VectorSchemaRoot> sample,
                        String runId) {
        this(flow, entity, schema, streams, sample, runId, DEFAULT_LOCK_WAIT);
    }

    /** The entity if there is one, else the flow: what file patterns call {@code {name}}. */
    public String name() {
        return entity.orElse(flow);
    }

    /** Who this write is, for the destination's lock: the run and {@code flow/entity}. */
    public DestinationLock.Holder holder() {
        return new DestinationLock.Holder(runId, entity.map(e -> flow + "/" + e).orElse(flow));
    }
}
