package dev.hygge.mssql;

import dev.hygge.jdbc.home.StatementSplit;
import java.util.List;

/**
 * One part of a SQL Server Home's rows: the complete SELECT that reads it and the values bound to
 * its parameters (an incremental read's watermark), so a split is a plain serialisable description.
 *
 * <pre>{@code
 * new MssqlSplit("SELECT * FROM [dbo].[t] WHERE [id] >= 0 AND [id] < 1000", "dbo.t [id 0..1000)");
 * }</pre>
 *
 * @param sql the statement
 * @param description for logs and errors
 * @param parameters bound in order
 */
public record MssqlSplit(String sql, String description, List<MssqlWatermark> parameters) implements StatementSplit {
    public MssqlSplit {
        parameters = List.copyOf(parameters);
    }

    public MssqlSplit(String sql, String description) {
        this(sql, description, List.of());
    }

    @Override
    public String describe() {
        return description;
    }
}
