package dev.hygge.schema;

import dev.hygge.spi.ConfigException;

/**
 * Maps a profiled column to a SQL type of one dialect. Each SQL Store has one.
 *
 * <pre>{@code
 * TypeMapper mapper = dialect.typeMapper();
 * SqlType type = mapper.map(profile, options);          // VARCHAR(75), BIGINT, DECIMAL(18,2)...
 * SqlType override = mapper.parse("NVARCHAR(100)");     // from schema_overrides
 * }</pre>
 *
 * <p>Rules every mapper keeps: integers keep their Arrow width (the sampled range decides only
 * unsigned cases such as {@code uint64}); strings and binaries are sized with
 * {@link InferenceOptions#varcharLength} unless the field declares a length
 * ({@link SqlFieldMetadata#LENGTH}), which wins; a type the dialect cannot hold is a
 * {@link dev.hygge.spi.StoreException} naming the column.
 */
public interface TypeMapper {

    /** The type for a profiled column. */
    SqlType map(ColumnProfile column, InferenceOptions options);

    /**
     * Whether the type {@link #map} gives a column of {@code field} depends on its sampled values (string
     * lengths, integer ranges, decimal digits seen) rather than on the field alone. A write that creates or
     * replaces a table whose every field answers false reads no inference sample ({@code Store#needsSample}):
     * the sample would be profiled only to be set aside. Default true.
     *
     * @since 0.7
     */
    default boolean readsSample(org.apache.arrow.vector.types.pojo.Field field) {
        return true;
    }

    /**
     * Reads a type written by a user ({@code schema_overrides}) or reported by the database
     * ({@code information_schema.columns.data_type} plus length).
     *
     * @throws ConfigException when this dialect has no such type
     */
    SqlType parse(String type);

    /** The text type able to hold {@code length} characters (or the unbounded one when {@code length} is {@link SqlType#UNBOUNDED}). */
    SqlType text(int length);

    /** The binary type able to hold {@code length} bytes (or the unbounded one). */
    SqlType binary(int length);

    /**
     * The type a bounded column is widened to when a value of {@code needed} characters (bytes for
     * binary) arrives: sized by the same rule as inference.
     */
    default SqlType widen(SqlType current, long needed, InferenceOptions options) {
        int length = options.varcharLength(needed).orElse(SqlType.UNBOUNDED);
        if (length != SqlType.UNBOUNDED && length < needed) {
            length = (int) needed;
        }
        return current.family() == SqlType.Family.BINARY ? binary(length) : text(length);
    }
}
