package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The T-SQL of the state table, pinned as text, and what one state row's write sends. */
class MssqlStateSqlTest {
    private final MssqlDialect dialect = new MssqlDialect(true);
    private final StateSql sql = dialect.stateSql();
    private final TableName orders = TableName.parse("sales.Orders");
    private final TableName state = sql.table(orders);

    @Test
    void theStateTableIsBesideTheTableAndNamesItAsSqlServerComparesNames() {
        assertThat(sql).isInstanceOf(MssqlStateSql.class);
        assertThat(state).isEqualTo(TableName.of("sales", "hygge_state"));
        assertThat(sql.table(TableName.parse("dw.sales.orders"))).isEqualTo(new TableName("dw", "sales", "hygge_state"));
        assertThat(sql.destination(orders)).isEqualTo("orders");
    }

    @Test
    void createsTheStateTableOnceWithAKeyInsideTheIndexLimitAndNoColumnstore() {
        assertThat(sql.createTable(state)).isEqualTo("IF OBJECT_ID(N'[sales].[hygge_state]', N'U') IS NULL CREATE TABLE"
                + " [sales].[hygge_state] ([destination] NVARCHAR(300) NOT NULL, [state_key] NVARCHAR(128) NOT NULL,"
                + " [state_value] NVARCHAR(MAX) NOT NULL, [run_id] NVARCHAR(128), [committed_at] DATETIMEOFFSET(3),"
                + " PRIMARY KEY ([destination], [state_key]))");
        assertThat(sql.createTable(TableName.of("it's", "hygge_state"))).startsWith("IF OBJECT_ID(N'[it''s].[hygge_state]'");
    }

    @Test
    void writesOneRowWithOneMergeUnderUpdlockHoldlock() {
        assertThat(((MssqlStateSql) sql).merge(state)).isEqualTo("MERGE INTO [sales].[hygge_state] WITH (UPDLOCK, HOLDLOCK)"
                + " AS [hygge_target] USING (SELECT ? AS [destination], ? AS [state_key], ? AS [state_value], ? AS [run_id])"
                + " AS [hygge_source] ON [hygge_target].[destination] = [hygge_source].[destination]"
                + " AND [hygge_target].[state_key] = [hygge_source].[state_key]"
                + " WHEN MATCHED THEN UPDATE SET [hygge_target].[state_value] = [hygge_source].[state_value],"
                + " [hygge_target].[run_id] = [hygge_source].[run_id], [hygge_target].[committed_at] = SYSDATETIMEOFFSET()"
                + " WHEN NOT MATCHED BY TARGET THEN INSERT ([destination], [state_key], [state_value], [run_id], [committed_at])"
                + " VALUES ([hygge_source].[destination], [hygge_source].[state_key], [hygge_source].[state_value],"
                + " [hygge_source].[run_id], SYSDATETIMEOFFSET());");
    }

    @Test
    void readsAndClearsWithBoundParameters() {
        assertThat(sql.select(state)).isEqualTo("SELECT [state_value] FROM [sales].[hygge_state] WHERE [destination] = ?"
                + " AND [state_key] = ?");
        assertThat(sql.clear(state)).isEqualTo("DELETE FROM [sales].[hygge_state] WHERE [destination] = ?");
    }

    /** The value reaches the server as a bound parameter, never spliced into the statement. */
    @Test
    void aWriteSendsTheMergeAndBindsEveryValue() throws Exception {
        List<String> sent = new ArrayList<>();
        sql.write(recording(sent), state, "orders", "watermark", "2024-05-01 10:00:00.1234567 +02:00'; DROP TABLE x; --",
                "run-1");
        assertThat(sent).containsExactly("prepare " + ((MssqlStateSql) sql).merge(state), "1=orders", "2=watermark",
                "3=2024-05-01 10:00:00.1234567 +02:00'; DROP TABLE x; --", "4=run-1", "executeUpdate");
    }

    /** A connection that records the statements prepared on it and the strings bound to them. */
    private static Connection recording(List<String> sent) {
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(MssqlStateSqlTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setString" -> {
                        sent.add(args[0] + "=" + args[1]);
                        yield null;
                    }
                    case "executeUpdate" -> {
                        sent.add("executeUpdate");
                        yield 1;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(MssqlStateSqlTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        sent.add("prepare " + args[0]);
                        return statement;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
