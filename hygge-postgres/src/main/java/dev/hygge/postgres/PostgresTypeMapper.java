package dev.hygge.postgres;

import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.StandardTypeMapper;
import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * PostgreSQL's types for inferred tables: the standard mapping (which already speaks PostgreSQL:
 * {@code BIGINT}, {@code NUMERIC(p,s)}, {@code TEXT}/{@code VARCHAR(n)}, {@code BYTEA},
 * {@code TIMESTAMP [WITH TIME ZONE]}, {@code INTERVAL}) plus what only PostgreSQL has:
 *
 * <ul>
 *   <li>a 16-byte binary that is an Arrow UUID ({@code arrow.uuid}) or was read from a {@code uuid} column: {@code UUID};</li>
 *   <li>a list: an array of its element's type ({@code BIGINT[]}, {@code TEXT[]});</li>
 *   <li>a struct or map: {@code JSONB};</li>
 *   <li>a column whose source declared {@code json}/{@code jsonb}: that type.</li>
 * </ul>
 *
 * <pre>{@code
 * new PostgresTypeMapper().map(profileOf(list(int64)), options);   // BIGINT[]
 * }</pre>
 */
public final class PostgresTypeMapper extends StandardTypeMapper {
    private static final Set<String> MORE = Set.of("SMALLSERIAL", "SERIAL", "BIGSERIAL", "TIMETZ", "MONEY", "XML",
            "INET", "CIDR", "MACADDR", "CITEXT", "BIT", "BIT VARYING", "VARBIT", "NAME", "OID", "DOUBLE", "DECIMAL");

    @Override
    public SqlType map(ColumnProfile column, InferenceOptions options) {
        ArrowType type = column.type();
        String declared = column.declaredType();
        if (declared != null && (declared.equalsIgnoreCase("json") || declared.equalsIgnoreCase("jsonb"))) {
            return SqlType.of(declared.toUpperCase(java.util.Locale.ROOT), SqlType.Family.OTHER);
        }
        return switch (type.getTypeID()) {
            case FixedSizeBinary -> isUuid(column.field()) ? SqlType.of("UUID", SqlType.Family.OTHER)
                    : super.map(column, options);
            case List, LargeList, FixedSizeList -> {
                Field element = column.field().getChildren().get(0);
                SqlType inner = map(ColumnProfile.unsampled(element), options);
                if (inner.ddl().endsWith("[]") || inner.ddl().equals("JSONB")) {
                    yield SqlType.of("JSONB", SqlType.Family.OTHER);
                }
                yield SqlType.of(unbounded(inner) + "[]", SqlType.Family.OTHER);
            }
            case Struct, Map -> SqlType.of("JSONB", SqlType.Family.OTHER);
            default -> super.map(column, options);
        };
    }

    /** An array's element type carries no length: {@code VARCHAR(12)[]} would bound every element alike. */
    private static String unbounded(SqlType type) {
        return type.family() == SqlType.Family.TEXT ? "TEXT" : type.ddl();
    }

    /** Whether a 16-byte field holds UUIDs: Arrow's UUID extension, or a {@code uuid} column's declared type. */
    static boolean isUuid(Field field) {
        java.util.Map<String, String> metadata = field.getMetadata();
        return field.getType() instanceof ArrowType.FixedSizeBinary f && f.getByteWidth() == 16
                && ("arrow.uuid".equals(metadata.get("ARROW:extension:name"))
                || "uuid".equalsIgnoreCase(metadata.get(dev.hygge.schema.SqlFieldMetadata.TYPE)));
    }

    @Override
    protected Set<String> knownTypes() {
        Set<String> known = new HashSet<>(super.knownTypes());
        known.addAll(MORE);
        return known;
    }
}
