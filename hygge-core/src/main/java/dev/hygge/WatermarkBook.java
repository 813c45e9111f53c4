package dev.hygge;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.Store;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import dev.hygge.spi.WatermarkValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The watermark bookkeeping of one attempt of a flow that has a watermark. Before the Home offers
 * its splits ({@link #prepare}): an incremental flow's column is checked (it exists, it can be
 * ordered), the last watermark is found (the Store's state, else the journal, else none: the
 * first run reads everything) and the Home restricted to the rows after it, minus the lookback.
 * While rows move ({@link #observe}, on every stream's reader thread): the greatest value and the
 * NULLs of every batch. At the commit ({@link #state}): the new watermark, the greater of the last
 * one and what was read, so a run that read nothing keeps the last.
 *
 * <p>A full run of a flow with a watermark reads everything and commits the greatest value too.
 */
final class WatermarkBook {
    private final Flow flow;
    private final Incremental spec;
    private final AtomicLong nullRows = new AtomicLong();
    private Watermark.Kind kind;
    private String vectorName;
    private Optional<Watermark> previous = Optional.empty();
    private String source = "none";
    private Watermark seen;
    private boolean keepsState;

    WatermarkBook(Flow flow) {
        this.flow = flow;
        this.spec = flow.watermark().orElseThrow(() -> new IllegalArgumentException("flow " + flow.label() + " has no watermark"));
    }

    /** The book of {@code flow}, or null when it has no watermark. */
    static WatermarkBook of(Flow flow) {
        return flow.watermark().isPresent() ? new WatermarkBook(flow) : null;
    }

    boolean incremental() {
        return flow.runType() == RunType.INCREMENTAL;
    }

    /**
     * Checks an incremental flow's column, finds its last watermark and restricts the Home: call
     * after the Home and Store are created, before the Home's splits.
     *
     * @throws ConfigException when the Home cannot read incrementally, has no such column, the
     *     column cannot be ordered, or the lookback does not apply to it: nothing is written
     */
    void prepare(Home home, Store store) {
        keepsState = store instanceof SupportsState;
        if (!incremental()) {
            return;
        }
        if (!(home instanceof SupportsIncremental reads)) {
            throw new ConfigException("Flow " + flow.label() + " is incremental, but its Home " + home.describe()
                    + " cannot read incrementally (it does not implement SupportsIncremental); run it with run_type: full_drop;"
                    + " nothing was written");
        }
        // the Store's state first: a Home that plans on a thread of its own (parquet) goes on meanwhile, and
        // column() below waits for it; the other way round the Store's read waited for the Home's planning
        Optional<String> kept = committedState(store);
        Field field = reads.column(spec.column()).orElseThrow(() -> new ConfigException("Flow " + flow.label()
                + ": the watermark column '" + spec.column() + "' is not a column of " + home.describe()
                + "; fix watermark_column; nothing was written"));
        kind = kindOf(field);
        spec.lookback().ifPresent(this::checkLookback);
        previous = last(kept, store);
        Optional<Watermark> after = previous.map(w -> spec.lookback().map(w::minus).orElse(w));
        // NULLs are always asked for: counted in observe(), and dropped there unless include_nulls
        reads.restrict(new WatermarkFilter(spec.column(), after, true));
    }

    /** Checks the rows' schema has the column, and learns the name and kind the batches give it. */
    void checkSchema(Schema schema, String home) {
        Field field = schema.getFields().stream().filter(f -> f.getName().equals(spec.column())).findFirst()
                .or(() -> schema.getFields().stream().filter(f -> f.getName().equalsIgnoreCase(spec.column())).findFirst())
                .orElseThrow(() -> new ConfigException("Flow " + flow.label() + ": the watermark column '" + spec.column()
                        + "' is not a column of the rows " + home + " gives (columns: " + String.join(", ",
                        schema.getFields().stream().map(Field::getName).toList()) + "); fix watermark_column; nothing was written"));
        Watermark.Kind rows = kindOf(field);
        if (kind != null && rows != kind) {
            throw new HomeException("Flow " + flow.label() + ": " + home + " said column '" + spec.column() + "' is a "
                    + kind + " but its rows hold " + field.getType() + "; nothing was written");
        }
        boolean learned = kind == null;
        kind = rows;
        if (learned) {
            spec.lookback().ifPresent(this::checkLookback);
        }
        vectorName = field.getName();
    }

    /**
     * Counts a batch's NULL watermarks and keeps its greatest value; returns the batch to hand on
     * (for an incremental run without its NULL rows unless {@code include_nulls}: then {@code batch}
     * is closed; a full run loads every row). Safe from every stream's thread.
     */
    VectorSchemaRoot observe(VectorSchemaRoot batch, BufferAllocator allocator) {
        FieldVector column = batch.getVector(vectorName);
        Watermark max = maxOf(column, batch.getRowCount());
        synchronized (this) {
            seen = Watermark.max(seen, max);
        }
        int nulls = column.getNullCount();
        if (nulls == 0) {
            return batch;
        }
        nullRows.addAndGet(nulls);
        return spec.includeNulls() || !incremental() ? batch : NullRows.without(batch, column, allocator);
    }

    /**
     * Forgets what {@link #observe} saw (the inference sample's batches), for the in-engine path,
     * whose loads hold those rows again and report them through {@link #saw}.
     */
    synchronized void forgetObserved() {
        seen = null;
        nullRows.set(0);
    }

    /** What the in-engine path asks each load to track ({@link EngineWatermark}). */
    EngineWatermark engineWatermark() {
        if (vectorName == null) {
            throw new IllegalStateException("flow " + flow.label() + ": the rows' schema was not checked");
        }
        return new EngineWatermark(vectorName, spec.includeNulls() || !incremental());
    }

    /**
     * Keeps what one in-engine load saw, as {@link #observe} keeps what a batch holds. Safe from
     * every load's thread.
     *
     * @throws HomeException when the engine's greatest value is of another kind than the column's
     */
    void saw(EngineWatermark.Seen load, String relation) {
        load.greatest().filter(w -> w.kind() != kind).ifPresent(w -> {
            throw new HomeException("Flow " + flow.label() + ": the engine gave the greatest '" + spec.column() + "' of "
                    + relation + " as a " + w.kind() + ", but the column reads as a " + kind + "; nothing was committed");
        });
        synchronized (this) {
            seen = Watermark.max(seen, load.greatest().orElse(null));
        }
        nullRows.addAndGet(load.nullRows());
    }

    /**
     * The greatest value of a batch's column. Timestamps, signed integers and dates are compared as
     * the numbers they are stored as, and only the greatest is read as a {@link Watermark} (a full
     * run of 10 million rows would otherwise make 10 million objects); other types go through
     * {@link WatermarkValues#max}.
     */
    static Watermark maxOf(FieldVector column, int rows) {
        if (!(column instanceof TimeStampVector || column instanceof BigIntVector || column instanceof IntVector
                || column instanceof SmallIntVector || column instanceof TinyIntVector || column instanceof DateDayVector)) {
            return WatermarkValues.max(column, rows);
        }
        java.util.function.IntToLongFunction stored = column instanceof TimeStampVector ts ? ts::get
                : column instanceof DateDayVector days ? days::get : ((org.apache.arrow.vector.BaseIntVector) column)::getValueAsLong;
        int best = -1;
        long bestValue = Long.MIN_VALUE;
        for (int i = 0; i < rows; i++) {
            if (!column.isNull(i)) {
                long value = stored.applyAsLong(i);
                if (best < 0 || value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
        }
        return best < 0 ? null : WatermarkValues.read(column, best);
    }

    /** The watermark to commit: the greater of the last and the greatest read; empty when neither is. */
    synchronized Optional<Watermark> committed() {
        return Optional.ofNullable(Watermark.max(previous.orElse(null), seen));
    }

    /** The state to commit with the data: the new watermark, where the Store keeps state; else none (the journal keeps it). */
    Map<String, String> state() {
        return keepsState ? committed().map(w -> WatermarkState.state(spec.column(), w)).orElse(Map.of()) : Map.of();
    }

    /** What this attempt did, for the result. */
    WatermarkRun result() {
        return new WatermarkRun(spec.column(), flow.runType(), previous, committed(), source, nullRows.get(),
                spec.includeNulls() || !incremental());
    }

    /** The watermark {@code store} committed with its data, undecoded; empty where it keeps no state or has none. */
    private Optional<String> committedState(Store store) {
        return store instanceof SupportsState state ? state.committedState(flow.name(), flow.entity(), WatermarkState.KEY)
                : Optional.empty();
    }

    /** The last watermark: the Store's ({@code kept}), else the journal's, else none. */
    private Optional<Watermark> last(Optional<String> kept, Store store) {
        if (kept.isPresent()) {
            source = "store";
            return Optional.of(WatermarkState.decode(kept.get(), spec.column(), kind, flow.label(), store.describe()));
        }
        if (flow.journal().isEmpty()) {
            return Optional.empty();
        }
        Optional<JournalEntry> entry = flow.journal().get().lastWatermark(flow.name(), flow.entity().orElse(flow.name()));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String where = "the journal " + flow.journal().get().describe();
        JournalEntry last = entry.get();
        if (last.watermarkColumn() != null && !last.watermarkColumn().equalsIgnoreCase(spec.column())) {
            throw new ConfigException("Flow " + flow.label() + ": the last watermark in " + where + " is for column '"
                    + last.watermarkColumn() + "', but watermark_column is now '" + spec.column() + "'; run the flow once with"
                    + " --full-drop (run_type: full_drop) to read everything and start again");
        }
        try {
            source = "journal";
            return Optional.of(Watermark.fromJournal(kind, last.watermark()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Flow " + flow.label() + ": " + where + ": " + e.getMessage(), e);
        }
    }

    private Watermark.Kind kindOf(Field field) {
        return Watermark.Kind.of(field.getType()).orElseThrow(() -> new ConfigException("Flow " + flow.label()
                + ": the watermark column '" + field.getName() + "' is of type " + field.getType() + ", which cannot be ordered"
                + " as a watermark; use an integer, decimal, date, timestamp or text column; nothing was written"));
    }

    /** A lookback that does not apply to the column's kind (a count on a timestamp) is refused before any row. */
    private void checkLookback(Watermark.Lookback lookback) {
        Watermark any = switch (kind) {
            case INTEGER -> Watermark.of(0);
            case DECIMAL -> Watermark.of(BigDecimal.ZERO);
            case DATE -> Watermark.of(LocalDate.EPOCH);
            case TIMESTAMP -> Watermark.of(LocalDateTime.of(2000, 1, 1, 0, 0));
            case INSTANT -> Watermark.of(Instant.EPOCH);
            case STRING -> Watermark.of("");
        };
        try {
            any.minus(lookback);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Flow " + flow.label() + ": column '" + spec.column() + "': " + e.getMessage()
                    + "; nothing was written");
        }
    }
}
