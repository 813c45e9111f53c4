package dev.hygge.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Profiles a sample of Arrow batches: per column the nulls seen, the longest string in
 * characters (code points; a surrogate pair counts once), the longest binary in bytes, the
 * integer range and the decimal precision and scale seen. Reads the batches, never changes them.
 *
 * <pre>{@code
 * SchemaProfile profile = SchemaProfiler.profile(schema, sampleBatches);
 * }</pre>
 */
public final class SchemaProfiler {
    private SchemaProfiler() {}

    /** Profiles {@code batches} (each of {@code schema}). */
    public static SchemaProfile profile(Schema schema, List<VectorSchemaRoot> batches) {
        List<Field> fields = schema.getFields();
        List<ColumnProfile> columns = new ArrayList<>(fields.size());
        long rows = 0;
        for (VectorSchemaRoot batch : batches) {
            rows += batch.getRowCount();
        }
        for (int c = 0; c < fields.size(); c++) {
            Accumulator acc = new Accumulator();
            for (VectorSchemaRoot batch : batches) {
                acc.add(batch.getVector(c), batch.getRowCount());
            }
            columns.add(new ColumnProfile(fields.get(c), rows, acc.nulls, acc.maxLength, acc.min, acc.max,
                    acc.precision, acc.scale));
        }
        return new SchemaProfile(schema, columns, rows);
    }

    /** The number of characters (code points) in UTF-8 {@code bytes}: bytes that do not continue a sequence. */
    public static int utf8Length(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if ((b & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    private static final class Accumulator {
        long nulls;
        long maxLength = -1;
        BigInteger min;
        BigInteger max;
        int precision;
        int scale;

        void add(FieldVector vector, int rows) {
            nulls += vector.getNullCount();
            if (vector.getNullCount() == rows) {
                return;
            }
            ArrowType type = vector.getField().getType();
            if (vector instanceof VariableWidthFieldVector variable) {
                boolean text = type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                        || type instanceof ArrowType.Utf8View;
                for (int i = 0; i < rows; i++) {
                    if (variable.isNull(i)) {
                        continue;
                    }
                    int bytes = variable.getValueLength(i);
                    if (bytes <= maxLength) {
                        continue; // characters never outnumber bytes
                    }
                    maxLength = text ? Math.max(maxLength, utf8Length(variable.get(i))) : bytes;
                }
            } else if (vector instanceof UInt8Vector unsigned) {
                for (int i = 0; i < rows; i++) {
                    if (!unsigned.isNull(i)) {
                        range(unsigned.getObjectNoOverflow(i));
                    }
                }
            } else if (vector instanceof BaseIntVector ints && type instanceof ArrowType.Int) {
                boolean signed = ((ArrowType.Int) type).getIsSigned();
                long lo = Long.MAX_VALUE;
                long hi = Long.MIN_VALUE;
                boolean any = false;
                for (int i = 0; i < rows; i++) {
                    if (!ints.isNull(i)) {
                        long v = ints.getValueAsLong(i);
                        if (!signed && v < 0) {
                            v = v & mask(((ArrowType.Int) type).getBitWidth());
                        }
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                        any = true;
                    }
                }
                if (any) {
                    range(BigInteger.valueOf(lo));
                    range(BigInteger.valueOf(hi));
                }
            } else if (vector instanceof DecimalVector || vector instanceof Decimal256Vector) {
                for (int i = 0; i < rows; i++) {
                    if (!vector.isNull(i)) {
                        BigDecimal value = (BigDecimal) vector.getObject(i);
                        int s = Math.max(0, value.scale());
                        int p = Math.max(value.precision(), s + 1);
                        precision = Math.max(precision, p);
                        scale = Math.max(scale, s);
                    }
                }
            }
        }

        private static long mask(int bits) {
            return bits >= 64 ? -1L : (1L << bits) - 1;
        }

        private void range(BigInteger v) {
            min = min == null || v.compareTo(min) < 0 ? v : min;
            max = max == null || v.compareTo(max) > 0 ? v : max;
        }
    }
}
