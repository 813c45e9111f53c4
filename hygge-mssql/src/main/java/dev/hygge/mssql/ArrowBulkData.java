package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import microsoft.sql.DateTimeOffset;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A view over Arrow batches that {@code SQLServerBulkCopy} pulls rows from, without copying the
 * batches into rows first.
 *
 * <pre>{@code
 * try (SQLServerBulkCopy copy = new SQLServerBulkCopy(connection)) {
 *     copy.setDestinationTableName("[dbo].[users]");
 *     copy.writeToServer(ArrowBulkData.over(reader));          // every batch of an ArrowReader
 *     copy.writeToServer(ArrowBulkData.over(schema, batches)); // or batches held in memory
 * }
 * }</pre>
 *
 * <p>Every value is handed to the driver as the Java object its bulk-copy writer expects for the
 * JDBC type this view declares (see {@link MssqlTypes#bulkColumn}): integers as boxed integers of
 * the declared width, decimals as {@link BigDecimal} at the column's precision and scale, strings
 * as {@link String}, binary as {@code byte[]}, dates as {@link LocalDate}, times as {@link Timestamp},
 * and every timestamp as a {@link DateTimeOffset}: an Arrow timestamp with a zone is the instant at
 * offset {@code +00:00}; one without a zone is its wall-clock value at offset {@code +00:00}, which
 * SQL Server turns into a {@code datetime2} by dropping the offset. That keeps wall-clock values
 * exact whatever the JVM's time zone is. The connection must set
 * {@code sendTemporalDataTypesAsStringForBulkCopy=false} ({@link MssqlConnection} does).
 *
 * <p>Not thread-safe; one view per bulk copy. The view never closes the reader or the batches.
 */
public final class ArrowBulkData implements ISQLServerBulkData {
    private static final long serialVersionUID = 1L;

    private final transient Iterator<VectorSchemaRoot> batches;
    private final transient Column[] columns;
    private final transient Object[] row;
    private transient int rowCount;
    private transient int next;
    private transient long rowsRead;

    private ArrowBulkData(Schema schema, Iterator<VectorSchemaRoot> batches) {
        this.batches = batches;
        List<Field> fields = schema.getFields();
        this.columns = new Column[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = Column.of(fields.get(i));
        }
        this.row = new Object[columns.length];
    }

    /** A view over every remaining batch of {@code reader}; the reader stays open. */
    public static ArrowBulkData over(ArrowReader reader) {
        requireNonNull(reader, "reader is null");
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            return new ArrowBulkData(root.getSchema(), new Iterator<>() {
                private Boolean loaded;

                @Override
                public boolean hasNext() {
                    if (loaded == null) {
                        try {
                            loaded = reader.loadNextBatch();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    return loaded;
                }

                @Override
                public VectorSchemaRoot next() {
                    hasNext();
                    loaded = null;
                    return root;
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A view over batches held in memory (all of {@code schema}); the batches stay open. */
    public static ArrowBulkData over(Schema schema, List<VectorSchemaRoot> batches) {
        requireNonNull(schema, "schema is null");
        return new ArrowBulkData(schema, List.copyOf(batches).iterator());
    }

    /** Rows handed out so far through {@link #next()}. */
    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public Set<Integer> getColumnOrdinals() {
        Set<Integer> ordinals = new LinkedHashSet<>();
        for (int i = 1; i <= columns.length; i++) {
            ordinals.add(i);
        }
        return ordinals;
    }

    @Override
    public String getColumnName(int column) {
        return columns[column - 1].name;
    }

    @Override
    public int getColumnType(int column) {
        return columns[column - 1].jdbcType;
    }

    @Override
    public int getPrecision(int column) {
        return columns[column - 1].precision;
    }

    @Override
    public int getScale(int column) {
        return columns[column - 1].scale;
    }

    @Override
    public boolean next() throws SQLException {
        while (next >= rowCount) {
            try {
                if (!batches.hasNext()) {
                    return false;
                }
                VectorSchemaRoot root = batches.next();
                for (int i = 0; i < columns.length; i++) {
                    columns[i].bind(root.getVector(i));
                }
                rowCount = root.getRowCount();
                next = 0;
            } catch (RuntimeException e) {
                throw new SQLException("Reading the next Arrow batch failed: " + e.getMessage(), e);
            }
        }
        next++;
        rowsRead++;
        return true;
    }

    @Override
    public Object[] getRowData() throws SQLException {
        int index = next - 1;
        Column[] cs = columns;
        Object[] values = row;
        for (int i = 0; i < cs.length; i++) {
            values[i] = cs[i].get(index);
        }
        return values;
    }

    /** One source column: its declared bulk type and a typed reader over the current batch's vector. */
    abstract static class Column {
        final String name;
        final int jdbcType;
        final int precision;
        final int scale;
        FieldVector vector;
        ArrowBuf data;
        boolean nullable;

        Column(Field field, MssqlTypes.BulkColumn type) {
            this.name = field.getName();
            this.jdbcType = type.jdbcType();
            this.precision = type.precision();
            this.scale = type.scale();
        }

        void bind(FieldVector v) {
            this.vector = v;
            this.data = v instanceof BaseFixedWidthVector || v instanceof BitVector ? v.getDataBuffer() : null;
            this.nullable = v.getNullCount() > 0;
        }

        final Object get(int index) {
            if (nullable && vector.isNull(index)) {
                return null;
            }
            return value(index);
        }

        abstract Object value(int index);

        static Column of(Field field) {
            MssqlTypes.BulkColumn type = MssqlTypes.bulkColumn(field);
            ArrowType arrow = field.getType();
            return switch (arrow.getTypeID()) {
                case Int -> intColumn(field, type, (ArrowType.Int) arrow);
                case FloatingPoint -> switch (((ArrowType.FloatingPoint) arrow).getPrecision()) {
                    case HALF -> new Column(field, type) {
                        @Override
                        Object value(int index) {
                            return ((Float2Vector) vector).getValueAsFloat(index);
                        }
                    };
                    case SINGLE -> new Column(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getFloat((long) index * 4);
                        }
                    };
                    case DOUBLE -> new Column(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getDouble((long) index * 8);
                        }
                    };
                };
                case Decimal -> decimalColumn(field, type, (ArrowType.Decimal) arrow);
                case Bool -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        return ((BitVector) vector).get(index) != 0 ? Boolean.TRUE : Boolean.FALSE;
                    }
                };
                case Utf8 -> new StringColumn(field, type);
                case LargeUtf8 -> new LargeStringColumn(field, type);
                case Binary -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        return ((BaseVariableWidthVector) vector).get(index);
                    }
                };
                case LargeBinary -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        return ((BaseLargeVariableWidthVector) vector).get(index);
                    }
                };
                case FixedSizeBinary -> MssqlTypes.isUuid(field)
                        ? new Column(field, type) {
                            @Override
                            Object value(int index) {
                                byte[] b = ((FixedSizeBinaryVector) vector).get(index);
                                return uuid(b).toString();
                            }
                        }
                        : new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return ((FixedSizeBinaryVector) vector).get(index);
                            }
                        };
                case Date -> ((ArrowType.Date) arrow).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY
                        ? new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return LocalDate.ofEpochDay(data.getInt((long) index * 4));
                            }
                        }
                        : new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return LocalDate.ofEpochDay(Math.floorDiv(data.getLong((long) index * 8), 86_400_000L));
                            }
                        };
                case Time -> timeColumn(field, type, (ArrowType.Time) arrow);
                case Timestamp -> timestampColumn(field, type, ((ArrowType.Timestamp) arrow).getUnit());
                case Duration -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        return data.getLong((long) index * 8);
                    }
                };
                case Null -> new Column(field, type) {
                    @Override
                    void bind(FieldVector v) {
                        super.bind(v);
                        nullable = false;
                    }

                    @Override
                    Object value(int index) {
                        return null;
                    }
                };
                default -> new Column(field, type) {
                    // Nested and other types: Arrow's own JSON rendering (lists, structs, maps), or text.
                    @Override
                    Object value(int index) {
                        Object value = vector.getObject(index);
                        return value == null ? null : value.toString();
                    }
                };
            };
        }

        private static Column intColumn(Field field, MssqlTypes.BulkColumn type, ArrowType.Int arrow) {
            boolean signed = arrow.getIsSigned();
            return switch (arrow.getBitWidth()) {
                case 8 -> signed
                        ? new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return (short) data.getByte(index);
                            }
                        }
                        : new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return (short) (data.getByte(index) & 0xFF);
                            }
                        };
                case 16 -> signed
                        ? new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return data.getShort((long) index * 2);
                            }
                        }
                        : new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return data.getShort((long) index * 2) & 0xFFFF;
                            }
                        };
                case 32 -> signed
                        ? new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return data.getInt((long) index * 4);
                            }
                        }
                        : new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return data.getInt((long) index * 4) & 0xFFFF_FFFFL;
                            }
                        };
                default -> signed
                        ? new Column(field, type) {
                            @Override
                            Object value(int index) {
                                return data.getLong((long) index * 8);
                            }
                        }
                        : new Column(field, type) {
                            @Override
                            Object value(int index) {
                                long v = data.getLong((long) index * 8);
                                return v >= 0 ? BigDecimal.valueOf(v) : new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
                            }
                        };
            };
        }

        private static Column decimalColumn(Field field, MssqlTypes.BulkColumn type, ArrowType.Decimal arrow) {
            int scale = arrow.getScale();
            if (arrow.getBitWidth() == 128 && arrow.getPrecision() <= 18) {
                // Fits a long: the low 8 bytes of the little-endian 16-byte value carry it (with sign).
                return new Column(field, type) {
                    @Override
                    Object value(int index) {
                        return BigDecimal.valueOf(data.getLong((long) index * DecimalVector.TYPE_WIDTH), scale);
                    }
                };
            }
            return new Column(field, type) {
                @Override
                Object value(int index) {
                    return vector.getObject(index);
                }
            };
        }

        private static Column timeColumn(Field field, MssqlTypes.BulkColumn type, ArrowType.Time arrow) {
            TimeUnit unit = arrow.getUnit();
            return new Column(field, type) {
                @Override
                Object value(int index) {
                    long nanos = switch (unit) {
                        case SECOND -> data.getInt((long) index * 4) * 1_000_000_000L;
                        case MILLISECOND -> data.getInt((long) index * 4) * 1_000_000L;
                        case MICROSECOND -> data.getLong((long) index * 8) * 1_000L;
                        case NANOSECOND -> data.getLong((long) index * 8);
                    };
                    // The driver reads a time's fields in the JVM's zone; a January day has no DST gap.
                    return Timestamp.valueOf(LocalDateTime.of(TIME_BASE_DATE, LocalTime.ofNanoOfDay(nanos)));
                }
            };
        }

        private static Column timestampColumn(Field field, MssqlTypes.BulkColumn type, TimeUnit unit) {
            return switch (unit) {
                case SECOND -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        return offset(data.getLong((long) index * 8) * 1000L, 0);
                    }
                };
                case MILLISECOND -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        long v = data.getLong((long) index * 8);
                        return offset(v, (int) Math.floorMod(v, 1000L) * 1_000_000);
                    }
                };
                case MICROSECOND -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        long v = data.getLong((long) index * 8);
                        return offset(Math.floorDiv(v, 1000L), (int) Math.floorMod(v, 1_000_000L) * 1000);
                    }
                };
                case NANOSECOND -> new Column(field, type) {
                    @Override
                    Object value(int index) {
                        long v = data.getLong((long) index * 8);
                        return offset(Math.floorDiv(v, 1_000_000L), (int) Math.floorMod(v, 1_000_000_000L));
                    }
                };
            };
        }
    }

    private static final LocalDate TIME_BASE_DATE = LocalDate.of(1900, 1, 1);

    private static DateTimeOffset offset(long epochMillis, int nanos) {
        Timestamp timestamp = new Timestamp(epochMillis);
        timestamp.setNanos(nanos);
        return DateTimeOffset.valueOf(timestamp, 0);
    }

    static UUID uuid(byte[] b) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (b[i] & 0xFF);
            low = (low << 8) | (b[i + 8] & 0xFF);
        }
        return new UUID(high, low);
    }

    /** UTF-8 strings decoded straight from the vector's buffers into a reused scratch array. */
    private static final class StringColumn extends Column {
        private byte[] scratch = new byte[256];
        private ArrowBuf offsets;
        private ArrowBuf bytes;

        StringColumn(Field field, MssqlTypes.BulkColumn type) {
            super(field, type);
        }

        @Override
        void bind(FieldVector v) {
            super.bind(v);
            offsets = v.getOffsetBuffer();
            bytes = v.getDataBuffer();
        }

        @Override
        Object value(int index) {
            int start = offsets.getInt((long) index * 4);
            int length = offsets.getInt((long) index * 4 + 4) - start;
            if (length > scratch.length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            bytes.getBytes(start, scratch, 0, length);
            return new String(scratch, 0, length, StandardCharsets.UTF_8);
        }
    }

    private static final class LargeStringColumn extends Column {
        LargeStringColumn(Field field, MssqlTypes.BulkColumn type) {
            super(field, type);
        }

        @Override
        Object value(int index) {
            return new String(((BaseLargeVariableWidthVector) vector).get(index), StandardCharsets.UTF_8);
        }
    }
}
