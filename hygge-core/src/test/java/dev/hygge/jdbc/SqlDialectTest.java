package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.ConfigException;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlDialectTest {
    private final SqlDialect dialect = StandardDialect.postgres();

    @Test
    void tableNamesParseQuotedParts() {
        assertThat(TableName.parse("users")).isEqualTo(new TableName(null, null, "users"));
        assertThat(TableName.parse("sales.\"order.lines\"")).isEqualTo(new TableName(null, "sales", "order.lines"));
        assertThat(TableName.parse("[db].[dbo].[a]]b]")).isEqualTo(new TableName("db", "dbo", "a]b"));
        assertThat(TableName.parse("\"say \"\"hi\"\"\"")).isEqualTo(TableName.of("say \"hi\""));
        assertThatThrownBy(() -> TableName.parse("a..b")).isInstanceOf(ConfigException.class).hasMessageContaining("empty part");
        assertThatThrownBy(() -> TableName.parse("\"open")).isInstanceOf(ConfigException.class).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> TableName.parse("a.b.c.d")).isInstanceOf(ConfigException.class).hasMessageContaining("4 parts");
    }

    @Test
    void identifiersAreAlwaysQuoted() {
        assertThat(dialect.quote("a\"; DROP TABLE x; --")).isEqualTo("\"a\"\"; DROP TABLE x; --\"");
        assertThat(dialect.qualify(TableName.parse("s.t"))).isEqualTo("\"s\".\"t\"");
        assertThatThrownBy(() -> dialect.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
        SqlColumn id = new SqlColumn("id", SqlType.of("BIGINT", SqlType.Family.INTEGER), false, "x");
        SqlColumn note = new SqlColumn("no\"te", SqlType.text("VARCHAR(10)", 10), true, "x");
        assertThat(dialect.createTable(TableName.of("s", "t"), List.of(id, note)))
                .isEqualTo("CREATE TABLE \"s\".\"t\" (\"id\" BIGINT NOT NULL, \"no\"\"te\" VARCHAR(10))");
        assertThat(dialect.addColumn(TableName.of("t"), id)).isEqualTo("ALTER TABLE \"t\" ADD COLUMN \"id\" BIGINT");
        assertThat(dialect.merge(TableName.of("t"), TableName.of("s"), List.of("a", "b"), List.of("a")))
                .containsExactly("DELETE FROM \"t\" WHERE EXISTS (SELECT 1 FROM \"s\" \"hygge_src\" WHERE \"hygge_src\".\"a\" = \"t\".\"a\")",
                        "INSERT INTO \"t\" (\"a\", \"b\") SELECT \"a\", \"b\" FROM \"s\"");
    }

    @Test
    void stagingNamesFitTheIdentifierLimit() {
        TableName staging = dialect.stagingTable(TableName.of("s", "x".repeat(100)), "run-1/ab");
        assertThat(staging.schema()).isEqualTo("s");
        assertThat(staging.table()).startsWith("hygge_stage_run1ab_").hasSize(63);
    }

    @Test
    void writeOptionsCheckTheirCombination() {
        TableWriteOptions options = new TableWriteOptions();
        assertThatThrownBy(() -> options.validate("Store 'x'")).hasMessageContaining("'table' is required");
        options.table = "t";
        options.writeStrategy = WriteStrategy.MERGE;
        assertThatThrownBy(() -> options.validate("Store 'x'")).hasMessageContaining("needs keys");
        options.writeStrategy = WriteStrategy.TEMP_SWAP;
        options.keys = List.of("id");
        assertThatThrownBy(() -> options.validate("Store 'x'")).hasMessageContaining("only used by write_strategy: merge");
        options.table = "{entity}_raw";
        assertThat(options.tableName("users")).isEqualTo(TableName.of("users_raw"));
    }
}
