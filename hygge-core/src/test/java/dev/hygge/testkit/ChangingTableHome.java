package dev.hygge.testkit;

import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Readers;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Home over a {@link ChangingTable} that reads incrementally: {@link #restrict} keeps the rows whose
 * watermark column ({@code id} or {@code updated_at}) is past the filter's value, and NULLs when asked,
 * as a SQL Home's {@code WHERE} would. A read fails when the table was told to; a
 * {@link DroppedConnection} is transient by its {@link ClassifiesFaults} word.
 */
public final class ChangingTableHome implements Home, SupportsIncremental, ClassifiesFaults {
    static final Schema SCHEMA = new Schema(List.of(
            Field.notNullable("id", new ArrowType.Int(64, true)),
            Field.nullable("updated_at", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
            Field.nullable("name", ArrowType.Utf8.INSTANCE),
            Field.nullable("flag", ArrowType.Bool.INSTANCE)));

    /** A transient fault: the connection dropped. */
    public static final class DroppedConnection extends RuntimeException {
        public DroppedConnection(String message) {
            super(message);
        }
    }

    private final ChangingTable table;
    private final int batchSize;
    private WatermarkFilter filter;
    private List<ChangingTable.Row> rows;

    public ChangingTableHome(ChangingTable table, int batchSize) {
        this.table = table;
        this.batchSize = batchSize;
    }

    /** The filter the engine restricted this Home with, if it did. */
    public Optional<WatermarkFilter> filter() {
        return Optional.ofNullable(filter);
    }

    @Override
    public String describe() {
        return "changing table";
    }

    @Override
    public Optional<Field> column(String name) {
        return SCHEMA.getFields().stream().filter(f -> f.getName().equals(name)).findFirst();
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        if (rows != null) {
            throw new IllegalStateException("restrict after splits");
        }
        this.filter = filter;
    }

    @Override
    public List<Split> splits() {
        rows = table.rows().stream().filter(this::passes).toList();
        List<Split> splits = new ArrayList<>();
        for (int start = 0; start < Math.max(1, rows.size()); start += batchSize) {
            splits.add(new RangeSplit(start, Math.min(rows.size(), start + batchSize)));
        }
        return splits;
    }

    private boolean passes(ChangingTable.Row row) {
        if (filter == null) {
            return true;
        }
        Watermark value = filter.column().equals("id") ? Watermark.of(row.id())
                : row.updatedAt() == null ? null : Watermark.of(row.updatedAt());
        if (value == null) {
            return filter.includeNulls();
        }
        return filter.after().map(after -> value.compareTo(after) > 0).orElse(true);
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        table.opening();
        RangeSplit range = (RangeSplit) split;
        return Readers.rows(allocator, SCHEMA, range.start(), range.end(), batchSize, (root, first, n) -> {
            BigIntVector id = (BigIntVector) root.getVector("id");
            TimeStampNanoVector updated = (TimeStampNanoVector) root.getVector("updated_at");
            VarCharVector name = (VarCharVector) root.getVector("name");
            BitVector flag = (BitVector) root.getVector("flag");
            root.allocateNew();
            for (int i = 0; i < n; i++) {
                ChangingTable.Row row = rows.get((int) first + i);
                id.set(i, row.id());
                if (row.updatedAt() == null) {
                    updated.setNull(i);
                } else {
                    updated.set(i, nanos(row.updatedAt()));
                }
                name.setSafe(i, row.name().getBytes(StandardCharsets.UTF_8));
                flag.set(i, (int) (row.id() & 1));
            }
            root.setRowCount(n);
        });
    }

    static long nanos(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), t.getNano());
    }

    @Override
    public boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DroppedConnection) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {}

    /** Type {@code changing}: a Home over the factory's table, for flows given by type name (so they can be retried). */
    public static final class Factory implements HomeFactory<Factory.Options>, HomeFactory.ReadsIncrementally {
        /** Options of the {@code changing} Home. */
        public static final class Options {
            /** Rows per batch and per split. */
            public int batchSize = 1_000;
        }

        private final ChangingTable table;

        public Factory(ChangingTable table) {
            this.table = table;
        }

        @Override
        public String type() {
            return "changing";
        }

        @Override
        public Class<Options> optionsType() {
            return Options.class;
        }

        @Override
        public Home create(Options options, HyggeContext context) {
            return new ChangingTableHome(table, options.batchSize);
        }
    }
}
