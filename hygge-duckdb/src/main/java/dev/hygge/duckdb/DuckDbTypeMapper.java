package dev.hygge.duckdb;

import dev.hygge.spi.StoreException;
import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.StandardTypeMapper;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * DuckDB's types for Arrow columns. Integers keep width and sign ({@code UBIGINT} exists),
 * strings are {@code VARCHAR} (DuckDB ignores declared lengths, so none is given), timestamps
 * keep their unit ({@code TIMESTAMP_MS}, {@code TIMESTAMP_NS}), lists, structs and maps become
 * DuckDB's own nested types.
 *
 * <pre>{@code
 * new DuckDbTypeMapper().parse("DECIMAL(18,2)");   // an override
 * }</pre>
 */
public class DuckDbTypeMapper extends StandardTypeMapper {
    private static final Set<String> KNOWN = Set.of("BOOLEAN", "BOOL", "TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT",
            "HUGEINT", "UHUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "INT1", "INT2", "INT4", "INT8",
            "FLOAT", "FLOAT4", "FLOAT8", "REAL", "DOUBLE", "DECIMAL", "NUMERIC", "VARCHAR", "TEXT", "STRING", "CHAR",
            "BPCHAR", "BLOB", "BYTEA", "VARBINARY", "DATE", "TIME", "TIMETZ", "TIMESTAMP", "DATETIME", "TIMESTAMPTZ",
            "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "INTERVAL", "UUID", "JSON",
            "BIT", "BITSTRING", "VARINT");
    private static final int MAX_PRECISION = 38;

    @Override
    protected Set<String> knownTypes() {
        return KNOWN;
    }

    @Override
    protected String doubleType() {
        return "DOUBLE";
    }

    /**
     * Only a decimal wider than DuckDB's 38 digits reads the sampled digits ({@link #decimal}); every other
     * type follows from the field: text is {@code VARCHAR} whatever its length, integers keep their width,
     * nested types map their children unsampled.
     */
    @Override
    public boolean readsSample(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Decimal -> ColumnProfile.unsampled(field).declaredPrecision()
                    .orElse(((ArrowType.Decimal) type).getPrecision()) > MAX_PRECISION;
            case Bool, Int, FloatingPoint, Utf8, LargeUtf8, Utf8View, Binary, LargeBinary, BinaryView, FixedSizeBinary,
                    Date, Time, Timestamp, Interval, Duration, Null, List, LargeList, FixedSizeList, Struct, Map -> false;
            default -> true;
        };
    }

    @Override
    public SqlType map(ColumnProfile column, InferenceOptions options) {
        ArrowType type = column.type();
        return switch (type.getTypeID()) {
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                    ? SqlType.of("DOUBLE", SqlType.Family.FLOAT) : SqlType.of("FLOAT", SqlType.Family.FLOAT);
            case FixedSizeBinary -> binary(SqlType.UNBOUNDED);
            case Null -> text(SqlType.UNBOUNDED);
            case List, LargeList, FixedSizeList, Struct, Map -> SqlType.of(nested(column, column.field()), SqlType.Family.OTHER);
            default -> super.map(column, options);
        };
    }

    @Override
    protected SqlType integer(ArrowType.Int type, ColumnProfile column) {
        String name = switch (type.getBitWidth()) {
            case 8 -> "TINYINT";
            case 16 -> "SMALLINT";
            case 32 -> "INTEGER";
            default -> "BIGINT";
        };
        return SqlType.of(type.getIsSigned() ? name : "U" + name, SqlType.Family.INTEGER);
    }

    @Override
    protected SqlType decimal(ColumnProfile column, int precision, int scale) {
        int p = column.declaredPrecision().orElse(precision);
        int s = column.declaredScale().orElse(scale);
        if (p > MAX_PRECISION) {
            int integerDigits = Math.max(0, column.maxPrecision() - column.maxScale());
            if (integerDigits + s > MAX_PRECISION) {
                throw new StoreException("Column '" + column.name() + "' is DECIMAL(" + p + "," + s + "); DuckDB holds at"
                        + " most 38 digits and the sampled values need " + (integerDigits + s)
                        + ". Give it a type in schema_overrides (e.g. " + column.name() + ": DOUBLE or VARCHAR)");
            }
            p = MAX_PRECISION;
        }
        return SqlType.of("DECIMAL(" + p + "," + s + ")", SqlType.Family.DECIMAL);
    }

    @Override
    protected SqlType timestamp(ArrowType.Timestamp type) {
        if (type.getTimezone() != null) {
            return SqlType.of("TIMESTAMPTZ", SqlType.Family.TIMESTAMP_TZ);
        }
        return SqlType.of(switch (type.getUnit()) {
            case SECOND -> "TIMESTAMP_S";
            case MILLISECOND -> "TIMESTAMP_MS";
            case MICROSECOND -> "TIMESTAMP";
            case NANOSECOND -> "TIMESTAMP_NS";
        }, SqlType.Family.TIMESTAMP);
    }

    /** DuckDB ignores declared lengths, so text is always plain {@code VARCHAR}. */
    @Override
    public SqlType text(int length) {
        return SqlType.text("VARCHAR", SqlType.UNBOUNDED);
    }

    @Override
    public SqlType binary(int length) {
        return SqlType.binary("BLOB", SqlType.UNBOUNDED);
    }

    /** The DuckDB spelling of a nested Arrow field. */
    private String nested(ColumnProfile column, Field field) {
        ArrowType type = field.getType();
        List<Field> children = field.getChildren();
        return switch (type.getTypeID()) {
            case List, LargeList -> nested(column, children.get(0)) + "[]";
            case FixedSizeList -> nested(column, children.get(0)) + "[" + ((ArrowType.FixedSizeList) type).getListSize() + "]";
            case Struct -> "STRUCT(" + children.stream().map(c -> quote(c.getName()) + " " + nested(column, c))
                    .collect(Collectors.joining(", ")) + ")";
            case Map -> {
                List<Field> entry = children.get(0).getChildren();
                yield "MAP(" + nested(column, entry.get(0)) + ", " + nested(column, entry.get(1)) + ")";
            }
            default -> map(ColumnProfile.unsampled(field), new InferenceOptions()).ddl();
        };
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
