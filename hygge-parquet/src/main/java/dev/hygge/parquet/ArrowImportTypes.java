package dev.hygge.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The DuckDB types of a schema's columns as DuckDB imports them from an Arrow stream, for flat
 * columns whose import is plain (integers, floats, decimals, text, binary, dates, times,
 * timestamps, intervals), without asking DuckDB: {@link RelationCopy#arrowTypes} asks it with an
 * empty Arrow stream (a connection, a C stream export, a view: 5-25 ms of a short incremental
 * run, measured at load 4). Empty when a column is anything else (nested, dictionary, an extension type, a unit the
 * table below does not hold): DuckDB is asked then. {@code ArrowImportTypesTest} checks every
 * entry against DuckDB's own answer.
 *
 * <pre>{@code
 * List<String> types = ArrowImportTypes.of(schema).orElseGet(() -> askDuckDb(schema));
 * }</pre>
 */
final class ArrowImportTypes {
    private ArrowImportTypes() {}

    /** Each column's DuckDB type, in order; empty when one of them is not a plain flat column. */
    static Optional<List<String>> of(Schema schema) {
        List<String> types = new ArrayList<>();
        for (Field field : schema.getFields()) {
            Optional<String> type = of(field);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            types.add(type.get());
        }
        return Optional.of(types);
    }

    private static Optional<String> of(Field field) {
        boolean extension = field.getMetadata().keySet().stream().anyMatch(k -> k.startsWith("ARROW:extension"));
        if (field.getDictionary() != null || !field.getChildren().isEmpty() || extension) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (field.getType().getTypeID()) {
            case Bool -> "BOOLEAN";
            case Int -> integer((ArrowType.Int) field.getType());
            case FloatingPoint -> floating((ArrowType.FloatingPoint) field.getType());
            case Decimal -> decimal((ArrowType.Decimal) field.getType());
            case Utf8, LargeUtf8 -> "VARCHAR";
            case Binary, LargeBinary -> "BLOB";
            case Date -> ((ArrowType.Date) field.getType()).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? "DATE" : null;
            case Time -> ((ArrowType.Time) field.getType()).getUnit() == TimeUnit.MICROSECOND ? "TIME" : null;
            case Timestamp -> timestamp((ArrowType.Timestamp) field.getType());
            case Interval -> ((ArrowType.Interval) field.getType()).getUnit() == IntervalUnit.MONTH_DAY_NANO ? "INTERVAL" : null;
            default -> null;
        });
    }

    private static String integer(ArrowType.Int type) {
        String name = switch (type.getBitWidth()) {
            case 8 -> "TINYINT";
            case 16 -> "SMALLINT";
            case 32 -> "INTEGER";
            case 64 -> "BIGINT";
            default -> null;
        };
        return name == null || type.getIsSigned() ? name : "U" + name;
    }

    private static String floating(ArrowType.FloatingPoint type) {
        return type.getPrecision() == FloatingPointPrecision.SINGLE ? "FLOAT"
                : type.getPrecision() == FloatingPointPrecision.DOUBLE ? "DOUBLE" : null;
    }

    private static String decimal(ArrowType.Decimal type) {
        return type.getBitWidth() == 128 && type.getPrecision() <= 38
                ? "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")" : null;
    }

    private static String timestamp(ArrowType.Timestamp type) {
        if (type.getTimezone() != null) {
            return "TIMESTAMP WITH TIME ZONE";
        }
        return switch (type.getUnit()) {
            case SECOND -> "TIMESTAMP_S";
            case MILLISECOND -> "TIMESTAMP_MS";
            case MICROSECOND -> "TIMESTAMP";
            case NANOSECOND -> "TIMESTAMP_NS";
        };
    }
}
