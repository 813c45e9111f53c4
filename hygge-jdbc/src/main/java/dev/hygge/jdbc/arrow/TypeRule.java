package dev.hygge.jdbc.arrow;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A {@link ColumnConverter} said in one line: which columns (by JDBC type or by the database's type
 * name), the Arrow type, fixed declarations, and the consumer (none: Arrow's own).
 *
 * <pre>{@code
 * TypeRule.jdbc(Types.INTEGER).as(new ArrowType.Int(32, true));                    // Arrow's consumer serves
 * TypeRule.jdbc(Types.TIMESTAMP).as(c -> new ArrowType.Timestamp(TimeUnits.ofScale(c.scale()), null))
 *         .readBy((v, c) -> new LocalDateTimeConsumer((TimeStampVector) v, c));
 * TypeRule.named("xml", "ntext").as(ArrowType.Utf8.INSTANCE).declaring(Map.of(SqlFieldMetadata.LENGTH, "max"));
 * }</pre>
 *
 * @param describe what the rule matches, for messages
 * @param matches which columns it reads
 * @param type the Arrow type of a column it reads
 * @param declared metadata added to the standard declarations
 * @param reader the consumer; null for Arrow's own
 */
public record TypeRule(String describe, Predicate<JdbcColumn> matches, Function<JdbcColumn, ArrowType> type,
                       Map<String, String> declared, Reader reader) implements ColumnConverter {

    /** Makes the consumer for a column's vector (1-based column index). */
    @FunctionalInterface
    public interface Reader {
        JdbcConsumer<?> create(FieldVector vector, int column);
    }

    public TypeRule {
        requireNonNull(describe, "describe is null");
        requireNonNull(matches, "matches is null");
        declared = Map.copyOf(declared);
    }

    /** A rule for columns of these JDBC types; give it a type with {@link #as}. */
    public static TypeRule jdbc(int... jdbcTypes) {
        int[] types = jdbcTypes.clone();
        return new TypeRule("JDBC type " + Arrays.toString(types), c -> c.isJdbcType(types), null, Map.of(), null);
    }

    /** A rule for columns whose database type name is one of these (any case); give it a type with {@link #as}. */
    public static TypeRule named(String... typeNames) {
        String[] names = typeNames.clone();
        return new TypeRule(String.join("/", names), c -> c.isNamed(names), null, Map.of(), null);
    }

    /** This rule making {@code arrowType}. */
    public TypeRule as(ArrowType arrowType) {
        requireNonNull(arrowType, "arrowType is null");
        return as(c -> arrowType);
    }

    /** This rule making the Arrow type {@code arrowType} says for the column. */
    public TypeRule as(Function<JdbcColumn, ArrowType> arrowType) {
        return new TypeRule(describe, matches, requireNonNull(arrowType, "arrowType is null"), declared, reader);
    }

    /** This rule declaring {@code metadata} too. */
    public TypeRule declaring(Map<String, String> metadata) {
        return new TypeRule(describe, matches, type, metadata, reader);
    }

    /** This rule filling its vectors with {@code consumer} instead of Arrow's own. */
    public TypeRule readBy(Reader consumer) {
        return new TypeRule(describe, matches, type, declared, requireNonNull(consumer, "consumer is null"));
    }

    @Override
    public boolean accepts(JdbcColumn column) {
        return matches.test(column);
    }

    @Override
    public ArrowType arrowType(JdbcColumn column) {
        if (type == null) {
            throw new IllegalStateException("type rule " + describe + " has no Arrow type; give it one with as(...)");
        }
        return type.apply(column);
    }

    @Override
    public Map<String, String> declare(JdbcColumn column) {
        return declared;
    }

    @Override
    public JdbcConsumer<?> consumer(JdbcColumn column, FieldVector vector) {
        return reader == null ? null : reader.create(vector, column.index());
    }

    @Override
    public String toString() {
        return "TypeRule[" + describe + "]";
    }
}
