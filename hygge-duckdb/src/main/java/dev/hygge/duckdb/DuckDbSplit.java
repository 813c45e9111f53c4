package dev.hygge.duckdb;

import dev.hygge.spi.Split;
import java.util.List;

/**
 * The one split of a {@link DuckDbHome}: the query it runs and the values bound to its
 * parameters (an incremental read's watermark, never spliced into the text).
 *
 * @param sql the query
 * @param parameters bound in order; serialisable JDBC values ({@code Long}, {@code BigDecimal}, {@code LocalDate} …)
 */
public record DuckDbSplit(String sql, List<Object> parameters) implements Split {
    private static final long serialVersionUID = 2L;

    public DuckDbSplit {
        parameters = List.copyOf(parameters);
    }

    public DuckDbSplit(String sql) {
        this(sql, List.of());
    }

    @Override
    public String describe() {
        return parameters.isEmpty() ? sql : sql + " " + parameters;
    }
}
