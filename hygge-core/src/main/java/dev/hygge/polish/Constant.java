package dev.hygge.polish;

import static java.util.Objects.requireNonNull;

/**
 * A {@code constants} rule: a column {@code name} with the same {@code value} in every row. A
 * whole number is an {@code Int(32)} (an {@code Int(64)} when it does not fit), a decimal a
 * {@code Float(64)}, {@code true}/{@code false} a {@code Bool}, anything else text. The text
 * {@code {run_id}} is replaced by the run's id (the journal's {@code run_id}).
 *
 * @param where where the rule was written, for messages; null from code
 * @since 0.1
 */
public record Constant(String name, Object value, String where) {
    /** The placeholder replaced by the run's id in a text constant. */
    public static final String RUN_ID = "{run_id}";

    public Constant {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (!(value instanceof Number || value instanceof Boolean || value instanceof CharSequence)) {
            throw new IllegalArgumentException("constant '" + name + "': a value is a number, true/false or text, not "
                    + value.getClass().getSimpleName());
        }
        if (value instanceof CharSequence text) {
            value = text.toString();
        }
    }

    public static Constant of(String name, Object value) {
        return new Constant(name, value, null);
    }

    String described() {
        return (where != null ? where + ": " : "") + "constants '" + name + "'";
    }
}
