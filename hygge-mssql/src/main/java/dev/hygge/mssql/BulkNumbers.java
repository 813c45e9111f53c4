package dev.hygge.mssql;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Bulk-copy values of numeric Arrow columns: integers as boxed integers of the declared width
 * (unsigned ones one size up, uint64 as {@link BigDecimal}), floats as {@code Float}/{@code Double},
 * decimals as {@link BigDecimal} at the column's scale. Each is one small encoder read straight
 * from the vector's data buffer.
 */
final class BulkNumbers {
    private BulkNumbers() {}

    static BulkValue integer(Field field, MssqlTypes.BulkColumn type, ArrowType.Int arrow) {
        boolean signed = arrow.getIsSigned();
        return switch (arrow.getBitWidth()) {
            case 8 -> signed
                    ? new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return (short) data.getByte(index);
                        }
                    }
                    : new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return (short) (data.getByte(index) & 0xFF);
                        }
                    };
            case 16 -> signed
                    ? new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getShort((long) index * 2);
                        }
                    }
                    : new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getShort((long) index * 2) & 0xFFFF;
                        }
                    };
            case 32 -> signed
                    ? new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getInt((long) index * 4);
                        }
                    }
                    : new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getInt((long) index * 4) & 0xFFFF_FFFFL;
                        }
                    };
            default -> signed
                    ? new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            return data.getLong((long) index * 8);
                        }
                    }
                    : new BulkValue(field, type) {
                        @Override
                        Object value(int index) {
                            long v = data.getLong((long) index * 8);
                            return v >= 0 ? BigDecimal.valueOf(v) : new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
                        }
                    };
        };
    }

    static BulkValue floating(Field field, MssqlTypes.BulkColumn type, ArrowType.FloatingPoint arrow) {
        return switch (arrow.getPrecision()) {
            case HALF -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    return ((Float2Vector) vector).getValueAsFloat(index);
                }
            };
            case SINGLE -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    return data.getFloat((long) index * 4);
                }
            };
            case DOUBLE -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    return data.getDouble((long) index * 8);
                }
            };
        };
    }

    static BulkValue decimal(Field field, MssqlTypes.BulkColumn type, ArrowType.Decimal arrow) {
        int scale = arrow.getScale();
        if (arrow.getBitWidth() == 128 && arrow.getPrecision() <= 18) {
            // Fits a long: the low 8 bytes of the little-endian 16-byte value carry it (with sign).
            return new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    return BigDecimal.valueOf(data.getLong((long) index * DecimalVector.TYPE_WIDTH), scale);
                }
            };
        }
        return new BulkValue(field, type) {
            @Override
            Object value(int index) {
                return vector.getObject(index);
            }
        };
    }
}
