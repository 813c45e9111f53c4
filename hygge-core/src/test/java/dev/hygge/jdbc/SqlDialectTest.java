package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
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
        TableName target = TableName.of("s", "x".repeat(100));
        TableName staging = dialect.stagingTable(target, "run-1/ab");
        assertThat(staging.schema()).isEqualTo("s");
        assertThat(staging.table()).startsWith(dialect.stagingPrefix(target) + "run1ab_").hasSize(63);
        assertThat(dialect.stagingPrefix(target)).matches("hygge_stage_[0-9a-f]{8}_");
    }

    @Test
    void stagingPrefixesTellTablesApartEvenWhenTruncated() {
        String a = "a".repeat(80) + "_1";
        String b = "a".repeat(80) + "_2";
        TableName stagingA = dialect.stagingTable(TableName.of("s", a), TableWriter.token());
        TableName stagingB = dialect.stagingTable(TableName.of("s", b), TableWriter.token());
        assertThat(stagingA.table()).startsWith(dialect.stagingPrefix(TableName.of("s", a)))
                .doesNotStartWith(dialect.stagingPrefix(TableName.of("s", b)));
        assertThat(stagingB.table()).startsWith(dialect.stagingPrefix(TableName.of("s", b)));
        assertThat(dialect.stagingPrefix(TableName.of("s", "T"))).as("PostgreSQL tells case apart")
                .isNotEqualTo(dialect.stagingPrefix(TableName.of("s", "t")));
    }

    @Test
    void aStagingTokenSaysWhenItsWriteBegan() {
        String prefix = dialect.stagingPrefix(TableName.of("s", "t"));
        long now = System.currentTimeMillis() / 1000;
        String name = dialect.stagingTable(TableName.of("s", "t"), TableWriter.token()).table();
        assertThat(StagingSweep.startedAt(name, prefix)).isBetween(now - 1, now + 1);
        assertThat(StagingSweep.startedAt(prefix + "zz", prefix)).isEqualTo(Long.MAX_VALUE);
        assertThat(StagingSweep.startedAt(prefix + "!!!!!!!_t", prefix)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void canonicalNamesFoldCaseOnlyWhereTheDatabaseIgnoresIt() {
        SqlDialect folding = new StandardDialect("folding", new dev.hygge.schema.StandardTypeMapper()) {
            @Override
            public boolean ignoresIdentifierCase() {
                return true;
            }
        };
        assertThat(folding.canonicalName(TableName.parse("Main.\"Orders\""))).isEqualTo("\"main\".\"orders\"");
        assertThat(dialect.canonicalName(TableName.parse("Main.\"Orders\""))).isEqualTo("\"Main\".\"Orders\"");
        assertThat(folding.canonicalName(TableName.parse("\"a.b\".c"))).isNotEqualTo(folding.canonicalName(TableName.parse("a.\"b.c\"")));
    }

    @Test
    void errorsAreOneLine() {
        assertThat(dialect.errorLine(new java.sql.SQLException("IO Error: disk full\n\nStack Trace:\n  0 foo\n  1 bar")))
                .isEqualTo("IO Error: disk full");
        assertThat(dialect.errorLine(new java.sql.SQLException((String) null))).isEqualTo("java.sql.SQLException");
    }

    @Test
    void namesAboutToBecomeTablesAreChecked() {
        assertThat(TableName.parseChecked("sales.\" order lines \"")).isEqualTo(TableName.of("sales", " order lines "));
        assertThat(TableName.parseChecked("\"orders\"")).isEqualTo(TableName.of("orders"));
        assertThatThrownBy(() -> TableName.parseChecked("orders ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'orders '").hasMessageContaining("space at the start or end");
        assertThatThrownBy(() -> TableName.parseChecked("sales. orders")).hasMessageContaining("space");
        assertThatThrownBy(() -> TableName.parseChecked("\"orders\" ")).hasMessageContaining("space");
        assertThatThrownBy(() -> TableName.parseChecked("or\tders")).hasMessageContaining("control character (U+0009)")
                .hasMessageContaining("or\\u0009ders");
        assertThatThrownBy(() -> TableName.parseChecked("\"a\nb\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> TableName.parseChecked("  ")).hasMessageContaining("is empty");
        assertThat(TableName.parse("orders ")).as("lenient where a name is only read").isEqualTo(TableName.of("orders"));
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

    @Test
    void lockKeysAreTheDatabaseAndTheCanonicalTable() {
        SqlDialect folding = new StandardDialect("folding", new dev.hygge.schema.StandardTypeMapper()) {
            @Override
            public boolean ignoresIdentifierCase() {
                return true;
            }
        };
        TableWriteOptions options = new TableWriteOptions();
        options.table = "{entity}";
        try (org.apache.arrow.memory.RootAllocator allocator = new org.apache.arrow.memory.RootAllocator()) {
            TableWriter writer = TableWriter.builder(folding).connections(() -> {
                throw new java.sql.SQLException("not used");
            }).loader(new InsertLoader(folding, 10)).options(options).allocator(allocator).database("db one").build();
            assertThat(writer.lockKey(TableName.parse("S.T"))).isEqualTo(writer.lockKey(TableName.parse("s.\"t\"")))
                    .isEqualTo("db one \"s\".\"t\"");
            assertThat(writer.lockKey(TableName.parse("s.t2"))).isNotEqualTo(writer.lockKey(TableName.parse("s.t")));
        }
    }
}
