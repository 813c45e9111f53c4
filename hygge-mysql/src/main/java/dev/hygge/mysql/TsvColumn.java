package dev.hygge.mysql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How one Arrow column is written into {@code LOAD DATA}'s text, straight from its vector into a
 * {@link TsvBuffer}: integers, booleans, decimals of up to 18 digits, dates, times and timestamps
 * digit by digit, text as its UTF-8 bytes escaped, binary as hexadecimal (loaded through
 * {@code UNHEX}, see {@link #binary()}). Floating point goes through Java's shortest exact spelling,
 * and what has no flat form (lists, structs, maps, wider decimals) through the vector's
 * {@code getObject} (JSON for the nested types).
 *
 * <pre>{@code
 * TsvColumn id = TsvColumn.of(root.getVector(0));
 * id.write(row, buffer);        // "\N" when the value is null
 * }</pre>
 */
abstract class TsvColumn {
    final FieldVector vector;

    private TsvColumn(FieldVector vector) {
        this.vector = vector;
    }

    /** Writes row {@code row}'s value, {@code \N} for null. */
    final void write(int row, TsvBuffer out) {
        if (vector.isNull(row)) {
            out.nullValue();
        } else {
            value(row, out);
        }
    }

    abstract void value(int row, TsvBuffer out);

    /** Whether the value is hexadecimal text, to be loaded through a variable and {@code UNHEX}. */
    boolean binary() {
        return false;
    }

    /** Whether a column of {@code type} is written as hexadecimal and loaded through {@code UNHEX}. */
    static boolean isBinary(ArrowType type) {
        return switch (type.getTypeID()) {
            case Binary, LargeBinary, FixedSizeBinary, BinaryView -> true;
            default -> false;
        };
    }

    /** The writer for {@code vector}'s type. */
    static TsvColumn of(FieldVector vector) {
        ArrowType type = vector.getField().getType();
        if (vector instanceof NullVector) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.nullValue();
                }
            };
        }
        if (vector instanceof UInt8Vector u) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.unsigned(u.get(row));
                }
            };
        }
        if (vector instanceof BaseIntVector ints) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.integer(ints.getValueAsLong(row));
                }
            };
        }
        if (vector instanceof BitVector bits) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.ascii((byte) (bits.get(row) != 0 ? '1' : '0'));
                }
            };
        }
        if (vector instanceof Float4Vector || vector instanceof Float8Vector || vector instanceof Float2Vector) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    double v = vector instanceof Float8Vector d ? d.get(row)
                            : vector instanceof Float4Vector f ? f.get(row) : ((Float2Vector) vector).getValueAsFloat(row);
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException("MySQL holds no NaN or infinite number, and row " + row
                                + " has " + v);
                    }
                    out.ascii(vector instanceof Float4Vector f ? Float.toString(f.get(row)) : Double.toString(v));
                }
            };
        }
        if (vector instanceof DecimalVector decimals && decimals.getPrecision() <= 18) {
            int scale = decimals.getScale();
            ArrowBuf data = decimals.getDataBuffer();
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    // little-endian 128 bits; up to 18 digits the low 64 hold the value
                    out.decimal(data.getLong((long) row * DecimalVector.TYPE_WIDTH), scale);
                }
            };
        }
        if (type instanceof ArrowType.Decimal) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.ascii(((BigDecimal) vector.getObject(row)).toPlainString());
                }
            };
        }
        if (type instanceof ArrowType.Utf8 && vector instanceof BaseVariableWidthVector text) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    int start = text.getStartOffset(row);
                    out.text(text.getDataBuffer(), start, text.getStartOffset(row + 1) - start);
                }
            };
        }
        if (type instanceof ArrowType.LargeUtf8 && vector instanceof BaseLargeVariableWidthVector text) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    long start = text.getOffsetBuffer().getLong((long) row * 8);
                    out.text(text.getDataBuffer(), start, (int) (text.getOffsetBuffer().getLong((long) (row + 1) * 8) - start));
                }
            };
        }
        if (vector instanceof BaseVariableWidthVector bytes) {
            return new Hex(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    int start = bytes.getStartOffset(row);
                    out.hex(bytes.getDataBuffer(), start, bytes.getStartOffset(row + 1) - start);
                }
            };
        }
        if (vector instanceof BaseLargeVariableWidthVector bytes) {
            return new Hex(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    long start = bytes.getOffsetBuffer().getLong((long) row * 8);
                    out.hex(bytes.getDataBuffer(), start, (int) (bytes.getOffsetBuffer().getLong((long) (row + 1) * 8) - start));
                }
            };
        }
        if (vector instanceof FixedSizeBinaryVector fixed) {
            int width = fixed.getByteWidth();
            return new Hex(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.hex(fixed.getDataBuffer(), (long) row * width, width);
                }
            };
        }
        if (vector instanceof DateDayVector days) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.date(days.get(row));
                }
            };
        }
        if (vector instanceof DateMilliVector millis) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.date(Math.floorDiv(millis.get(row), 86_400_000L));
                }
            };
        }
        if (vector instanceof TimeStampVector stamps) {
            TimeUnit unit = ((ArrowType.Timestamp) type).getUnit();
            int digits = MysqlTypeMapper.digits(unit);
            String name = vector.getField().getName();
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.timestamp(micros(stamps.get(row), unit, name, row), digits);
                }
            };
        }
        if (type instanceof ArrowType.Time time) {
            TimeUnit unit = time.getUnit();
            int digits = MysqlTypeMapper.digits(unit);
            String name = vector.getField().getName();
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    long raw = vector instanceof TimeSecVector s ? s.get(row) : vector instanceof TimeMilliVector m ? m.get(row)
                            : vector instanceof TimeMicroVector u ? u.get(row) : ((TimeNanoVector) vector).get(row);
                    out.time(micros(raw, unit, name, row), digits);
                }
            };
        }
        if (vector instanceof DurationVector durations) {
            return new TsvColumn(vector) {
                @Override
                void value(int row, TsvBuffer out) {
                    out.integer(DurationVector.get(durations.getDataBuffer(), row));
                }
            };
        }
        return new TsvColumn(vector) {
            @Override
            void value(int row, TsvBuffer out) {
                byte[] utf8 = String.valueOf(vector.getObject(row)).getBytes(StandardCharsets.UTF_8);
                out.text(utf8, 0, utf8.length);
            }
        };
    }

    /** A value in {@code unit} as microseconds; nanoseconds only when whole microseconds (MySQL keeps no finer). */
    static long micros(long value, TimeUnit unit, String column, int row) {
        return switch (unit) {
            case SECOND -> Math.multiplyExact(value, 1_000_000L);
            case MILLISECOND -> Math.multiplyExact(value, 1_000L);
            case MICROSECOND -> value;
            case NANOSECOND -> {
                if (value % 1000 != 0) {
                    throw new IllegalArgumentException("column '" + column + "' row " + row + " has nanoseconds ("
                            + value + " ns since 1970), which MySQL cannot hold (microseconds at most); round the column"
                            + " to microseconds in the Home");
                }
                yield value / 1000;
            }
        };
    }

    /** A column loaded as hexadecimal text through a variable and {@code UNHEX}. */
    private abstract static class Hex extends TsvColumn {
        Hex(FieldVector vector) {
            super(vector);
        }

        @Override
        boolean binary() {
            return true;
        }
    }
}
