package dev.hygge.polish;

import java.util.Locale;
import java.util.Optional;

/**
 * How {@code polish: columns: {case: ...}} writes a column's words: {@code Employee Number} is
 * {@code EmployeeNumber}, {@code employeeNumber} or {@code employee_number}.
 *
 * @since 0.1
 */
public enum ColumnCase {
    /** {@code EmployeeNumber}: each word capitalised, the rest of it lower case. */
    PASCAL,
    /** {@code employeeNumber}: as PASCAL, the first word all lower case. */
    CAMEL,
    /** {@code employee_number}: every word lower case, joined by {@code _}. */
    SNAKE;

    /** The value as YAML writes it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The case a YAML value names ({@code pascal}, {@code camel}, {@code snake}), if any. */
    public static Optional<ColumnCase> of(String key) {
        for (ColumnCase c : values()) {
            if (c.key().equalsIgnoreCase(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
