package dev.hygge.cli;

import dev.hygge.spi.Readers;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Deterministic sample rows for {@code hygge init}: an 8-column table (id, name, city, quantity,
 * price, active, day, updated_at) whose values follow from the row number and a seed, so every
 * sample project is the same.
 *
 * <pre>{@code
 * hygge.flow("sample").entity("orders").from(new SampleHome("orders", 10_000, 10_000, 1))
 *      .to("parquet", Map.of("path", "data/landing")).run();
 * }</pre>
 */
final class SampleHome implements Home {
    private static final String[] NAMES = {"Astrid", "Bjørn", "Cecilie", "Dagny", "Emil", "Freja", "Gustav", "Hanne", "Ida",
        "Jens", "Karen", "Lars", "Maja", "Nils", "Oda", "Per"};
    private static final String[] CITIES = {"København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding",
        "Horsens", "Vejle", "Roskilde"};
    static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("city", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("quantity", FieldType.nullable(new ArrowType.Int(32, true)), null),
            new Field("price", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("active", FieldType.nullable(ArrowType.Bool.INSTANCE), null),
            new Field("day", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
            new Field("updated_at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null)));

    private final String name;
    private final long rows;
    private final int batchSize;
    private final int splits;
    private final long seed;

    SampleHome(String name, long rows, int batchSize, int splits) {
        this.name = name;
        this.rows = rows;
        this.batchSize = Math.max(1, batchSize);
        this.splits = Math.max(1, splits);
        this.seed = name.hashCode();
    }

    @Override
    public String describe() {
        return "sample " + name + " (" + rows + " rows)";
    }

    @Override
    public List<Split> splits() {
        List<Split> result = new ArrayList<>();
        long per = Math.max(1, (rows + splits - 1) / splits);
        for (long start = 0; start < rows; start += per) {
            result.add(new Range(start, Math.min(rows, start + per)));
        }
        if (result.isEmpty()) {
            result.add(new Range(0, 0));
        }
        return result;
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        Range range = (Range) split;
        return Readers.rows(allocator, SCHEMA, range.start(), range.end(), batchSize, this::fill);
    }

    private void fill(VectorSchemaRoot root, long start, int n) {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setInitialCapacity(n);
        }
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        VarCharVector nameVector = (VarCharVector) root.getVector(1);
        VarCharVector city = (VarCharVector) root.getVector(2);
        IntVector quantity = (IntVector) root.getVector(3);
        Float8Vector price = (Float8Vector) root.getVector(4);
        BitVector active = (BitVector) root.getVector(5);
        DateDayVector day = (DateDayVector) root.getVector(6);
        TimeStampMicroTZVector updated = (TimeStampMicroTZVector) root.getVector(7);
        for (int r = 0; r < n; r++) {
            long i = start + r;
            long h = mix(i ^ seed);
            id.set(r, i + 1);
            nameVector.setSafe(r, (NAMES[(int) (h % NAMES.length)] + " " + (i + 1)).getBytes(StandardCharsets.UTF_8));
            if (h % 17 == 0) {
                city.setNull(r);
            } else {
                city.setSafe(r, CITIES[(int) ((h >>> 8) % CITIES.length)].getBytes(StandardCharsets.UTF_8));
            }
            quantity.set(r, (int) ((h >>> 16) % 1_000));
            price.set(r, ((h >>> 24) % 100_000) / 100.0);
            active.set(r, (int) ((h >>> 40) & 1));
            day.set(r, 19_000 + (int) (i % 2_000));
            updated.set(r, 1_700_000_000_000_000L + i * 1_000_003L);
        }
        root.setRowCount(n);
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (x ^ (x >>> 33)) & Long.MAX_VALUE;
    }

    /** Rows {@code [start, end)}. */
    record Range(long start, long end) implements Split {
        @Override
        public String describe() {
            return "rows " + start + ".." + end;
        }
    }
}
