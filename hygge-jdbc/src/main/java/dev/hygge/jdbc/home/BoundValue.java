package dev.hygge.jdbc.home;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A value bound to a parameter of a split's statement, as its column's type wants it: an
 * incremental read's watermark. Serializable, so a split carries it.
 *
 * <pre>{@code
 * value.bind(statement, 1);
 * }</pre>
 */
public interface BoundValue extends Serializable {
    /** Binds the value to parameter {@code index} of {@code statement}. */
    void bind(PreparedStatement statement, int index) throws SQLException;
}
