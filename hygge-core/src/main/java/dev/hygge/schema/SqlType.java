package dev.hygge.schema;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A column type of one SQL dialect, as its DDL spells it, with what overflow checks need.
 *
 * <pre>{@code
 * SqlType.text("VARCHAR(75)", 75);     // at most 75 characters
 * SqlType.text("VARCHAR", SqlType.UNBOUNDED);
 * SqlType.of("BIGINT", SqlType.Family.INTEGER);
 * }</pre>
 *
 * @param ddl the type as written in {@code CREATE TABLE} ({@code NVARCHAR(100)}, {@code DECIMAL(18,2)})
 * @param family what kind of values it holds, for compatibility checks
 * @param length the most characters ({@link Family#TEXT}) or bytes ({@link Family#BINARY}) a value may
 *     have, {@link #UNBOUNDED} when there is no limit or the family has none
 */
public record SqlType(String ddl, Family family, int length) {
    public static final int UNBOUNDED = -1;

    /** Kinds of values, coarse enough to compare types across dialects. */
    public enum Family {
        BOOLEAN, INTEGER, DECIMAL, FLOAT, TEXT, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, OTHER;

        /**
         * The family of a type name as a user writes it or a database reports it
         * ({@code character varying}, {@code BIGINT}, {@code datetimeoffset}, {@code NVARCHAR(100)}).
         */
        public static Family of(String typeName) {
            String t = typeName.toLowerCase(Locale.ROOT).trim();
            if (t.startsWith("interval") || t.contains("uuid") || t.contains("uniqueidentifier") || t.endsWith("[]")
                    || t.startsWith("struct") || t.startsWith("map") || t.startsWith("list") || t.contains("json")) {
                return OTHER;
            }
            if (t.contains("binary") || t.contains("bytea") || t.contains("blob") || t.equals("image")) {
                return BINARY;
            }
            if (t.contains("char") || t.contains("text") || t.contains("string") || t.contains("clob")) {
                return TEXT;
            }
            if (t.startsWith("bool") || t.equals("bit")) {
                return BOOLEAN;
            }
            if (t.contains("with time zone") || t.startsWith("timestamptz") || t.startsWith("datetimeoffset")) {
                return TIMESTAMP_TZ;
            }
            if (t.startsWith("timestamp") || t.startsWith("datetime") || t.equals("smalldatetime")) {
                return TIMESTAMP;
            }
            if (t.equals("date")) {
                return DATE;
            }
            if (t.startsWith("time")) {
                return TIME;
            }
            if (t.contains("int") || t.contains("serial")) {
                return INTEGER;
            }
            if (t.startsWith("numeric") || t.startsWith("decimal") || t.contains("money")) {
                return DECIMAL;
            }
            if (t.startsWith("real") || t.startsWith("float") || t.startsWith("double")) {
                return FLOAT;
            }
            return OTHER;
        }

        /** Whether values of {@code source} can be stored in a column of this family without a lossy cast. */
        public boolean accepts(Family source) {
            if (this == source || this == OTHER || source == OTHER) {
                return true;
            }
            return switch (this) {
                case INTEGER -> source == BOOLEAN;
                case DECIMAL -> source == INTEGER || source == BOOLEAN;
                case FLOAT -> source == INTEGER || source == DECIMAL;
                case TEXT -> source != BINARY;
                case TIMESTAMP, TIMESTAMP_TZ -> source == DATE || source == TIMESTAMP || source == TIMESTAMP_TZ;
                default -> false;
            };
        }
    }

    public SqlType {
        requireNonNull(ddl, "ddl is null");
        requireNonNull(family, "family is null");
        if (ddl.isBlank()) {
            throw new IllegalArgumentException("ddl is blank");
        }
        if (length < UNBOUNDED || length == 0) {
            throw new IllegalArgumentException("length must be positive or UNBOUNDED: " + length);
        }
    }

    public static SqlType of(String ddl, Family family) {
        return new SqlType(ddl, family, UNBOUNDED);
    }

    public static SqlType text(String ddl, int length) {
        return new SqlType(ddl, Family.TEXT, length);
    }

    public static SqlType binary(String ddl, int length) {
        return new SqlType(ddl, Family.BINARY, length);
    }

    /** Whether values are limited in length (a bounded TEXT or BINARY type). */
    public boolean bounded() {
        return length != UNBOUNDED && (family == Family.TEXT || family == Family.BINARY);
    }

    @Override
    public String toString() {
        return ddl;
    }
}
