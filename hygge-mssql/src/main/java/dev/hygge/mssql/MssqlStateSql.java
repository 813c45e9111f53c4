package dev.hygge.mssql;

import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The state table in T-SQL: {@code NVARCHAR} keys (300 + 128 characters, 856 bytes: inside the
 * 900-byte limit of a clustered primary key), {@code DATETIMEOFFSET} from the server's clock, no
 * columnstore (a few rows, updated in place), and one row written by a single {@code MERGE}
 * under {@code UPDLOCK, HOLDLOCK}, so two processes committing the same destination serialise on
 * its row instead of both inserting it.
 *
 * <pre>{@code
 * MERGE INTO [dbo].[hygge_state] WITH (UPDLOCK, HOLDLOCK) AS [hygge_target]
 *   USING (SELECT ? AS [destination], ? AS [state_key], ? AS [state_value], ? AS [run_id]) AS [hygge_source] ...
 * }</pre>
 */
final class MssqlStateSql extends StateSql {
    MssqlStateSql(SqlDialect dialect) {
        super(dialect);
    }

    /** T-SQL has no {@code CREATE TABLE IF NOT EXISTS}. */
    @Override
    public String createTable(TableName state) {
        return "IF OBJECT_ID(" + MssqlDialect.literal(dialect.qualify(state)) + ", N'U') IS NULL CREATE TABLE "
                + dialect.qualify(state) + " (" + columns() + ")";
    }

    @Override
    protected String text(int length) {
        return "NVARCHAR(" + length + ")";
    }

    @Override
    protected String longText() {
        return "NVARCHAR(MAX)";
    }

    @Override
    protected String timestamp() {
        return "DATETIMEOFFSET(3)";
    }

    @Override
    protected String now() {
        return "SYSDATETIMEOFFSET()";
    }

    /** Parameters: destination, key, value, run id. */
    String merge(TableName state) {
        String t = q("hygge_target");
        String s = q("hygge_source");
        return "MERGE INTO " + dialect.qualify(state) + " WITH (UPDLOCK, HOLDLOCK) AS " + t
                + " USING (SELECT ? AS " + q("destination") + ", ? AS " + q("state_key") + ", ? AS " + q("state_value")
                + ", ? AS " + q("run_id") + ") AS " + s
                + " ON " + t + "." + q("destination") + " = " + s + "." + q("destination") + " AND " + t + "." + q("state_key")
                + " = " + s + "." + q("state_key")
                + " WHEN MATCHED THEN UPDATE SET " + t + "." + q("state_value") + " = " + s + "." + q("state_value") + ", "
                + t + "." + q("run_id") + " = " + s + "." + q("run_id") + ", " + t + "." + q("committed_at") + " = " + now()
                + " WHEN NOT MATCHED BY TARGET THEN INSERT (" + q("destination") + ", " + q("state_key") + ", "
                + q("state_value") + ", " + q("run_id") + ", " + q("committed_at") + ") VALUES (" + s + "." + q("destination")
                + ", " + s + "." + q("state_key") + ", " + s + "." + q("state_value") + ", " + s + "." + q("run_id") + ", "
                + now() + ");";
    }

    @Override
    public void write(Connection connection, TableName state, String destination, String key, String value, String runId)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(merge(state))) {
            st.setString(1, destination);
            st.setString(2, key);
            st.setString(3, value);
            st.setString(4, runId);
            st.executeUpdate();
        }
    }
}
