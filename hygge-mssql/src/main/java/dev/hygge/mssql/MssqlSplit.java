package dev.hygge.mssql;

import dev.hygge.spi.Split;

/**
 * One part of a SQL Server Home's rows: the complete SELECT that reads it, so a split is a plain
 * serialisable description.
 *
 * <pre>{@code
 * new MssqlSplit("SELECT * FROM [dbo].[t] WHERE [id] >= 0 AND [id] < 1000", "dbo.t [id 0..1000)");
 * }</pre>
 *
 * @param sql the statement
 * @param description for logs and errors
 */
public record MssqlSplit(String sql, String description) implements Split {
    @Override
    public String describe() {
        return description;
    }
}
