package dev.hygge.jdbc.home;

import dev.hygge.spi.Split;
import java.util.List;

/**
 * A split a {@link StatementHome} reads: the complete SELECT and the values bound to its
 * parameters, in order — a plain serialisable description.
 */
public interface StatementSplit extends Split {
    /** The statement that reads the split's rows. */
    String sql();

    /** Bound to the statement's parameters in order (an incremental read's watermark), or none. */
    List<? extends BoundValue> parameters();
}
