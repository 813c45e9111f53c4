package dev.hygge.testkit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Deterministic Arrow batches for tests. Every value is a function of the row number, so a test
 * can regenerate what it expects.
 *
 * <ul>
 *   <li>{@link #allTypes()}: one column of each common type (ints of every width, floats,
 *       decimals, strings incl. unicode and empty, booleans, dates, times, timestamps with and
 *       without zone, binary, an all-null column), every nullable column null on every 7th row;
 *   <li>{@link #benchmark()}: the benchmarks' 8-column table (int64 id, int32, float64, 10–40 char
 *       strings, bool, date, timestamp µs UTC, decimal(18,2)), about 4% nulls.
 * </ul>
 */
public final class TestBatches {
    private static final String[] WORDS = {"hygge", "ærøskøbing", "日本語テキスト", "emoji 😀 pair", "", "naïve café",
        "ÅÄÖ åäö", "a", "tab\tand\nnewline", "quote ' and \" and ]"};

    private TestBatches() {}

    /** A generator of rows {@code [start, start + rows)} into a root of its schema. */
    public interface Generator {
        Schema schema();

        /** Allocates the root's vectors and fills rows {@code start .. start + rows - 1}. */
        void fill(VectorSchemaRoot root, long start, int rows);
    }

    public static Generator allTypes() {
        return ALL_TYPES;
    }

    public static Generator benchmark() {
        return BENCHMARK;
    }

    /** A new root of {@code rows} rows from {@code generator}, starting at row {@code start}. */
    public static VectorSchemaRoot generate(Generator generator, BufferAllocator allocator, long start, int rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(generator.schema(), allocator);
        generator.fill(root, start, rows);
        return root;
    }

    /** Every row of a root as Java values ({@code getObject}), for equality checks. */
    public static List<List<Object>> rows(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>(root.getRowCount());
        for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>(root.getFieldVectors().size());
            for (FieldVector vector : root.getFieldVectors()) {
                Object value = vector.getObject(r);
                row.add(value instanceof org.apache.arrow.vector.util.Text t ? t.toString()
                        : value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : value);
            }
            rows.add(row);
        }
        return rows;
    }

    static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    static Field notNull(String name, ArrowType type) {
        return new Field(name, FieldType.notNullable(type), null);
    }

    /** Whether row {@code i} of a nullable column is null in the all-types table. */
    public static boolean isNull(long i) {
        return i % 7 == 3;
    }

    /** The string the all-types table has at row {@code i} (before nulls). */
    public static String word(long i) {
        return WORDS[(int) (i % WORDS.length)] + (i % 3 == 0 ? "" : Long.toString(i));
    }

    private static final Schema ALL_TYPES_SCHEMA = new Schema(List.of(
            notNull("id", new ArrowType.Int(64, true)),
            nullable("i8", new ArrowType.Int(8, true)),
            nullable("i16", new ArrowType.Int(16, true)),
            nullable("i32", new ArrowType.Int(32, true)),
            nullable("i64", new ArrowType.Int(64, true)),
            nullable("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            nullable("dec18", new ArrowType.Decimal(18, 2, 128)),
            nullable("dec38", new ArrowType.Decimal(38, 10, 128)),
            nullable("str", ArrowType.Utf8.INSTANCE),
            nullable("flag", ArrowType.Bool.INSTANCE),
            nullable("day", new ArrowType.Date(DateUnit.DAY)),
            nullable("tod", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
            nullable("ts_ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
            nullable("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            nullable("ts_utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            nullable("bin", ArrowType.Binary.INSTANCE),
            nullable("nothing", new ArrowType.Int(32, true))),
            Map.of("origin", "hygge testkit"));

    private static final Generator ALL_TYPES = new Generator() {
        @Override
        public Schema schema() {
            return ALL_TYPES_SCHEMA;
        }

        @Override
        public void fill(VectorSchemaRoot root, long start, int rows) {
            root.allocateNew();
            BigIntVector id = (BigIntVector) root.getVector("id");
            TinyIntVector i8 = (TinyIntVector) root.getVector("i8");
            SmallIntVector i16 = (SmallIntVector) root.getVector("i16");
            IntVector i32 = (IntVector) root.getVector("i32");
            BigIntVector i64 = (BigIntVector) root.getVector("i64");
            Float4Vector f32 = (Float4Vector) root.getVector("f32");
            Float8Vector f64 = (Float8Vector) root.getVector("f64");
            DecimalVector dec18 = (DecimalVector) root.getVector("dec18");
            DecimalVector dec38 = (DecimalVector) root.getVector("dec38");
            VarCharVector str = (VarCharVector) root.getVector("str");
            BitVector flag = (BitVector) root.getVector("flag");
            DateDayVector day = (DateDayVector) root.getVector("day");
            TimeMicroVector tod = (TimeMicroVector) root.getVector("tod");
            TimeStampMilliVector tsMs = (TimeStampMilliVector) root.getVector("ts_ms");
            TimeStampMicroVector tsUs = (TimeStampMicroVector) root.getVector("ts_us");
            TimeStampMicroTZVector tsUtc = (TimeStampMicroTZVector) root.getVector("ts_utc");
            VarBinaryVector bin = (VarBinaryVector) root.getVector("bin");
            IntVector nothing = (IntVector) root.getVector("nothing");
            for (int r = 0; r < rows; r++) {
                long i = start + r;
                id.setSafe(r, i);
                nothing.setNull(r);
                if (isNull(i)) {
                    for (FieldVector vector : root.getFieldVectors()) {
                        if (vector != id) {
                            vector.setNull(r);
                        }
                    }
                    continue;
                }
                long sign = i % 2 == 0 ? 1 : -1;
                i8.setSafe(r, (byte) (i % 256 - 128));
                i16.setSafe(r, (short) (i * 7 % 65536 - 32768));
                i32.setSafe(r, (int) (sign * (i * 2_654_435_761L % Integer.MAX_VALUE)));
                i64.setSafe(r, i % 11 == 0 ? Long.MIN_VALUE + i : sign * i * 1_000_000_007L);
                f32.setSafe(r, (float) (sign * i / 3.0));
                f64.setSafe(r, i % 13 == 0 ? Double.MAX_VALUE / (i + 1) : sign * i / 7.0);
                dec18.setSafe(r, BigDecimal.valueOf(sign * i * 101, 2));
                dec38.setSafe(r, new BigDecimal(sign * i + "123456789012345678.0123456789").setScale(10));
                str.setSafe(r, word(i).getBytes(StandardCharsets.UTF_8));
                flag.setSafe(r, i % 3 == 0 ? 1 : 0);
                day.setSafe(r, (int) (i % 40_000) - 10_000);
                tod.setSafe(r, i * 1_000_003L % 86_400_000_000L);
                tsMs.setSafe(r, 1_700_000_000_000L + sign * i * 1_234_567L);
                tsUs.setSafe(r, 1_700_000_000_000_000L + sign * i * 1_234_567_891L);
                tsUtc.setSafe(r, 1_600_000_000_000_000L + i * 987_654_321L);
                byte[] bytes = new byte[(int) (i % 17)];
                for (int b = 0; b < bytes.length; b++) {
                    bytes[b] = (byte) (i + b * 31);
                }
                bin.setSafe(r, bytes);
            }
            root.setRowCount(rows);
        }
    };

    private static final Schema BENCHMARK_SCHEMA = new Schema(List.of(
            notNull("id", new ArrowType.Int(64, true)),
            nullable("quantity", new ArrowType.Int(32, true)),
            nullable("price", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            nullable("name", ArrowType.Utf8.INSTANCE),
            nullable("active", ArrowType.Bool.INSTANCE),
            nullable("day", new ArrowType.Date(DateUnit.DAY)),
            nullable("updated_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            nullable("amount", new ArrowType.Decimal(18, 2, 128))));

    private static final byte[] LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".getBytes(StandardCharsets.US_ASCII);

    private static final Generator BENCHMARK = new Generator() {
        @Override
        public Schema schema() {
            return BENCHMARK_SCHEMA;
        }

        @Override
        public void fill(VectorSchemaRoot root, long start, int rows) {
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(rows);
            }
            root.allocateNew();
            BigIntVector id = (BigIntVector) root.getVector(0);
            IntVector quantity = (IntVector) root.getVector(1);
            Float8Vector price = (Float8Vector) root.getVector(2);
            VarCharVector name = (VarCharVector) root.getVector(3);
            BitVector active = (BitVector) root.getVector(4);
            DateDayVector day = (DateDayVector) root.getVector(5);
            TimeStampMicroTZVector updated = (TimeStampMicroTZVector) root.getVector(6);
            DecimalVector amount = (DecimalVector) root.getVector(7);
            byte[] text = new byte[40];
            for (int r = 0; r < rows; r++) {
                long i = start + r;
                long h = mix(i);
                id.setSafe(r, i);
                if (nullAt(h, 0, 2)) {
                    quantity.setNull(r);
                } else {
                    quantity.set(r, (int) ((h >>> 40) % 10_000));
                }
                if (nullAt(h, 1, 3)) {
                    price.setNull(r);
                } else {
                    price.set(r, (h & 0xFFFFF) / 100.0);
                }
                if (nullAt(h, 2, 4)) {
                    name.setNull(r);
                } else {
                    int len = 10 + (int) ((h >>> 8) % 31);
                    for (int c = 0; c < len; c++) {
                        text[c] = LETTERS[(int) (((h >>> (c % 50)) + c * 7L) % LETTERS.length)];
                    }
                    name.setSafe(r, text, 0, len);
                }
                if (nullAt(h, 3, 5)) {
                    active.setNull(r);
                } else {
                    active.set(r, (int) (h & 1));
                }
                if (nullAt(h, 4, 6)) {
                    day.setNull(r);
                } else {
                    day.set(r, 18_000 + (int) (i % 3_000));
                }
                if (nullAt(h, 5, 2)) {
                    updated.setNull(r);
                } else {
                    updated.set(r, 1_600_000_000_000_000L + i * 1_000_003L);
                }
                if (nullAt(h, 6, 3)) {
                    amount.setNull(r);
                } else {
                    amount.set(r, (h >>> 20) % 10_000_000_000L);
                }
            }
            root.setRowCount(rows);
        }
    };

    /** Null with a probability of {@code percent}%, decided by the row's hash and the column. */
    private static boolean nullAt(long hash, int column, int percent) {
        return ((hash >>> (20 + 5 * column)) ^ (hash >>> 3)) % 100 < percent;
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (x ^ (x >>> 33)) & Long.MAX_VALUE;
    }
}
