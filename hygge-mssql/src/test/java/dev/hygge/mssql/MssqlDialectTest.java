package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The T-SQL every write step runs, pinned as text. */
class MssqlDialectTest {
    private final MssqlDialect dialect = new MssqlDialect(true);
    private final MssqlTypeMapper types = new MssqlTypeMapper();
    private final TableName users = TableName.parse("dbo.users");
    private final List<SqlColumn> columns = List.of(
            new SqlColumn("id", types.parse("BIGINT"), false, "inferred"),
            new SqlColumn("email", types.text(75), true, "inferred"),
            new SqlColumn("amount", types.parse("DECIMAL(18,2)"), true, "inferred"));

    @Test
    void textLengthsAreCountedInUtf16UnitsAsNvarcharDeclaresThem() {
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;

        org.assertj.core.api.Assertions.assertThat(dialect.textLength("abc".getBytes(utf8))).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(dialect.textLength("ærø 日本".getBytes(utf8))).isEqualTo(6);
        org.assertj.core.api.Assertions.assertThat(dialect.textLength("a😀b".getBytes(utf8)))
                .isEqualTo("a😀b".length()).isEqualTo(4);
    }

    @Test
    void quotesWithBracketsAndDoublesClosingOnes() {
        assertThat(dialect.quote("users")).isEqualTo("[users]");
        assertThat(dialect.quote("a]b")).isEqualTo("[a]]b]");
        assertThat(dialect.quote("]")).isEqualTo("[]]]");
        assertThat(dialect.quote("x]; DROP TABLE t; --")).isEqualTo("[x]]; DROP TABLE t; --]");
        assertThat(dialect.quote("[already]")).isEqualTo("[[already]]]");
        assertThat(dialect.quote("it's \"q\" . space")).isEqualTo("[it's \"q\" . space]");
        assertThat(dialect.quote("日本語 ærø 😀")).isEqualTo("[日本語 ærø 😀]");
        assertThat(dialect.quote("x".repeat(128))).hasSize(130);
        assertThat(dialect.qualify(TableName.parse("[my db].[sales]].x].[order.lines]")))
                .isEqualTo("[my db].[sales]].x].[order.lines]");
    }

    @Test
    void rejectsWhatNoQuotingMakesSafe() {
        assertThatThrownBy(() -> dialect.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dialect.quote("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> dialect.quote("x".repeat(129))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
    }

    @Test
    void createsClusteredColumnstoreTablesByDefault() {
        assertThat(dialect.createTable(users, columns)).isEqualTo("CREATE TABLE [dbo].[users] ([id] BIGINT NOT NULL,"
                + " [email] NVARCHAR(75) NULL, [amount] DECIMAL(18,2) NULL, INDEX [hygge_cci] CLUSTERED COLUMNSTORE)");
        assertThat(new MssqlDialect(false).createTable(users, columns)).isEqualTo("CREATE TABLE [dbo].[users]"
                + " ([id] BIGINT NOT NULL, [email] NVARCHAR(75) NULL, [amount] DECIMAL(18,2) NULL)");
    }

    @Test
    void createsAHeapWhenAColumnCannotBeInAColumnstore() {
        List<SqlColumn> withXml = List.of(columns.get(0), new SqlColumn("doc", types.parse("XML"), true, "override"));
        assertThat(dialect.createTable(users, withXml))
                .isEqualTo("CREATE TABLE [dbo].[users] ([id] BIGINT NOT NULL, [doc] XML NULL)");
        assertThat(MssqlDialect.columnstoreCapable(List.of(new SqlColumn("t", types.text(SqlType.UNBOUNDED), true, "x")))).isTrue();
    }

    @Test
    void evolvesAndWidensColumns() {
        assertThat(dialect.addColumn(users, new SqlColumn("note", types.text(200), false, "new")))
                .isEqualTo("ALTER TABLE [dbo].[users] ADD [note] NVARCHAR(200) NULL");
        assertThat(dialect.alterColumnType(users, new SqlColumn("email", types.text(300), false, "widened")))
                .isEqualTo("ALTER TABLE [dbo].[users] ALTER COLUMN [email] NVARCHAR(300) NOT NULL");
        assertThat(dialect.alterColumnType(users, new SqlColumn("email", types.text(5000), true, "widened")))
                .isEqualTo("ALTER TABLE [dbo].[users] ALTER COLUMN [email] NVARCHAR(MAX) NULL");
    }

    @Test
    void swapsWithSpRenameAndABareNewName() {
        assertThat(dialect.stagingTable(users, "run42abc"))
                .isEqualTo(TableName.of("dbo", dialect.stagingPrefix(users) + "run42abc_users"));
        assertThat(dialect.stagingPrefix(TableName.of("DBO", "Users"))).as("names ignore case")
                .isEqualTo(dialect.stagingPrefix(users));
        TableName staging = TableName.of("dbo", "hygge_stage_run42abc_users");
        assertThat(dialect.renameTable(staging, users))
                .isEqualTo("EXEC sp_rename N'[dbo].[hygge_stage_run42abc_users]', N'users', N'OBJECT'");
        TableName odd = TableName.of("dbo", "o'brien]s");
        assertThat(dialect.renameTable(odd.withTable("hygge_stage_t_o'brien]s"), odd))
                .isEqualTo("EXEC sp_rename N'[dbo].[hygge_stage_t_o''brien]]s]', N'o''brien]s', N'OBJECT'");
        TableName remote = TableName.parse("warehouse.dbo.users");
        assertThat(dialect.renameTable(remote.withTable("hygge_stage_t_users"), remote))
                .isEqualTo("EXEC [warehouse].sys.sp_rename N'[dbo].[hygge_stage_t_users]', N'users', N'OBJECT'");
        assertThat(dialect.dropTable(users)).isEqualTo("DROP TABLE [dbo].[users]");
        assertThat(dialect.dropTableIfExists(staging)).isEqualTo("DROP TABLE IF EXISTS [dbo].[hygge_stage_run42abc_users]");
        assertThat(dialect.truncate(users)).isEqualTo("TRUNCATE TABLE [dbo].[users]");
        assertThat(dialect.insertSelect(users, staging, List.of("id", "email")))
                .isEqualTo("INSERT INTO [dbo].[users] ([id], [email]) SELECT [id], [email] FROM [dbo].[hygge_stage_run42abc_users]");
    }

    @Test
    void stagingNamesFitSqlServersLimit() {
        TableName target = TableName.of("dbo", "t".repeat(128));
        TableName staging = dialect.stagingTable(target, "abc");
        assertThat(staging.table()).hasSize(128).startsWith(dialect.stagingPrefix(target) + "abc_");
    }

    /**
     * A replaced row is the staged row whole: the target's columns the source lacks become NULL
     * (their default), as the shared delete-then-insert merge and the table-Store contract have it.
     * An {@code UPDATE SET} of the source's columns alone kept their old values.
     */
    @Test
    void mergeReplacesMatchedRowsWholeSoColumnsTheSourceLacksBecomeNull() {
        TableName staging = TableName.of("dbo", "hygge_stage_x_users");
        List<String> statements = dialect.merge(users, staging, List.of("id", "email", "amount"), List.of("id"));
        assertThat(statements).containsExactly(
                "MERGE INTO [dbo].[users] WITH (UPDLOCK, HOLDLOCK) AS [hygge_target] USING [dbo].[hygge_stage_x_users]"
                        + " AS [hygge_source] ON [hygge_target].[id] = [hygge_source].[id] WHEN MATCHED THEN DELETE;",
                "INSERT INTO [dbo].[users] ([id], [email], [amount]) SELECT [id], [email], [amount]"
                        + " FROM [dbo].[hygge_stage_x_users]");
        assertThat(String.join(" ", statements)).doesNotContain("UPDATE SET");
        assertThat(dialect.merge(users, staging, List.of("a", "b"), List.of("a", "b"))).containsExactly(
                "MERGE INTO [dbo].[users] WITH (UPDLOCK, HOLDLOCK) AS [hygge_target] USING [dbo].[hygge_stage_x_users]"
                        + " AS [hygge_source] ON [hygge_target].[a] = [hygge_source].[a] AND [hygge_target].[b] = [hygge_source].[b]"
                        + " WHEN MATCHED THEN DELETE;",
                "INSERT INTO [dbo].[users] ([a], [b]) SELECT [a], [b] FROM [dbo].[hygge_stage_x_users]");
    }

    @Test
    void readsExistingColumnTypesAsSqlServerSpellsThem() {
        assertThat(dialect.existingType("nvarchar", -1, null, null)).isEqualTo(SqlType.text("NVARCHAR(MAX)", SqlType.UNBOUNDED));
        assertThat(dialect.existingType("nvarchar", 320, null, null)).isEqualTo(SqlType.text("NVARCHAR(320)", 320));
        assertThat(dialect.existingType("varbinary", 16, null, null)).isEqualTo(SqlType.binary("VARBINARY(16)", 16));
        assertThat(dialect.existingType("decimal", null, 18, 2).ddl()).isEqualTo("DECIMAL(18,2)");
        assertThat(dialect.existingType("datetime2", null, null, 3)).isEqualTo(SqlType.of("DATETIME2(3)", SqlType.Family.TIMESTAMP));
        assertThat(dialect.existingType("datetimeoffset", null, null, 7).family()).isEqualTo(SqlType.Family.TIMESTAMP_TZ);
        assertThat(dialect.existingType("int", null, 10, 0)).isEqualTo(SqlType.of("INT", SqlType.Family.INTEGER));
        assertThat(dialect.existingType("uniqueidentifier", null, null, null).family()).isEqualTo(SqlType.Family.OTHER);
    }
}
