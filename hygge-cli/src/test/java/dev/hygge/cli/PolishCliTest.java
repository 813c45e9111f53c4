package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Store's {@code polish:} end to end through the CLI, parquet into DuckDB: the table has the
 * polished columns, the hash values equal DuckDB's own {@code sha256}/{@code md5} over the source
 * file (an independent computation of the text the rules promise), {@code hygge debug} shows the
 * polish and the polished DDL, {@code hygge validate} reports every mistake at its line, and
 * names that collide once renamed fail the run naming both, with nothing written.
 */
class PolishCliTest {
    @TempDir
    Path tmp;

    private Path source;

    private void input(String select) throws SQLException {
        source = tmp.resolve("landing/orders.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + source + "' (FORMAT parquet)");
        }
    }

    private void ordersInput() throws Exception {
        Files.createDirectories(tmp.resolve("landing"));
        input("SELECT i::INTEGER AS \"Order ID\", (i * 1000000000000)::BIGINT AS \"Customer Id\","
                + " (i * 1.25 - 2)::DECIMAL(12,2) AS \"Amount (EUR)\", CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END AS \"Note\","
                + " DATE '2024-01-30' + i::INTEGER AS \"Order Date\", TIMESTAMP '2024-01-30 08:00:00' + INTERVAL (i * 1001) MILLISECOND"
                + " AS \"Placed At\", i % 2 = 0 AS \"Paid\", i / 4 AS \"Rate\" FROM range(1, 301) r(i)");
    }

    private static final String POLISH = """
                  polish:
                    columns: {remove_special: true, remove_spaces: false, case: pascal}
                    hash_ids:
                      - name: row hash
                        from_columns: ["Order ID", "Customer Id", "Amount (EUR)", "Order Date", "Placed At", "Paid", "Rate"]
                      - {name: note_md5, from_columns: ["Order ID", Note], algo: md5, hex: false}
                    constants:
                      - {name: source_system, value: crm}
                    timestamps:
                      - {name: __LastLoadedAt__, source: now_utc}
                    add_row_marker: true
            """;

    private Path project(String polish) throws Exception {
        Files.writeString(tmp.resolve("hygge.yml"), """
                name: polished
                flows:
                  orders:
                    home: landing/orders.parquet
                    store:
                      type: duckdb
                      path: warehouse.duckdb
                      table: orders
                """ + polish);
        return tmp;
    }

    @Test
    void theTableHasThePolishedColumnsAndTheHashesDuckDbComputes() throws Exception {
        ordersInput();
        Path project = project(POLISH);
        Instant before = Instant.now().minusSeconds(1);
        CliTest.Run run = CliTest.hygge("start", "--project", project.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("ATTACH '" + project.resolve("warehouse.duckdb") + "' AS dest (READ_ONLY)");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT * FROM dest.orders LIMIT 0")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(rs.getMetaData().getColumnName(i));
                }
            }
            assertThat(columns).containsExactly("RowHash", "NoteMd5", "OrderId", "CustomerId", "AmountEur", "Note", "OrderDate",
                    "PlacedAt", "Paid", "Rate", "source_system", "__LastLoadedAt__", "__rowMarker__");
            String join = " FROM dest.orders o JOIN read_parquet('" + source + "') s ON o.OrderId = s.\"Order ID\"";
            assertThat(count(st, "SELECT count(*)" + join)).isEqualTo(300);
            // the text the rules promise, written by DuckDB: integers, decimals with their scale, ISO dates,
            // timestamps with the unit's 6 digits, true/false, doubles as Java writes them (1.5, 2.0 here)
            String text = "concat_ws('|', s.\"Order ID\"::VARCHAR, s.\"Customer Id\"::VARCHAR, s.\"Amount (EUR)\"::VARCHAR,"
                    + " strftime(s.\"Order Date\", '%Y-%m-%d'), strftime(s.\"Placed At\", '%Y-%m-%d %H:%M:%S.%f'),"
                    + " s.\"Paid\"::VARCHAR, s.\"Rate\"::VARCHAR)";
            assertThat(count(st, "SELECT count(*)" + join + " WHERE o.RowHash = sha256(" + text + ")")).isEqualTo(300);
            assertThat(count(st, "SELECT count(*)" + join + " WHERE s.\"Note\" IS NOT NULL"
                    + " AND lower(hex(o.NoteMd5)) = md5(s.\"Order ID\"::VARCHAR || '|' || s.\"Note\")")).isEqualTo(200);
            assertThat(count(st, "SELECT count(*)" + join + " WHERE s.\"Note\" IS NULL AND o.NoteMd5 IS NULL")).isEqualTo(100);
            assertThat(count(st, "SELECT count(*) FROM dest.orders WHERE source_system = 'crm' AND __rowMarker__ = 4")).isEqualTo(300);
            assertThat(count(st, "SELECT count(DISTINCT __LastLoadedAt__) FROM dest.orders")).as("one load time per run").isEqualTo(1);
            try (ResultSet rs = st.executeQuery("SELECT epoch_us(max(__LastLoadedAt__)) FROM dest.orders")) {
                rs.next();
                long micros = rs.getLong(1);
                assertThat(micros).isBetween(before.toEpochMilli() * 1000, Instant.now().toEpochMilli() * 1000 + 1000);
            }
        }
    }

    @Test
    void debugShowsThePolishAndTheDdlOfThePolishedColumns() throws Exception {
        ordersInput();
        Path project = project(POLISH);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("warehouse.duckdb"))) {
            assertThat(c.isValid(1)).as("an empty database, so that the Store plans its table").isTrue();
        }
        CliTest.Run debug = CliTest.hygge("debug", "--project", project.toString());
        assertThat(debug.exit()).as(debug.out() + debug.err()).isZero();
        assertThat(debug.out()).contains("    polish:\n    - \"columns (remove_special, case pascal)\"\n    - hash row hash = sha256 hex(Order ID |")
                .contains("- constant source_system = crm").contains("- __rowMarker__ = 4")
                .contains("columns: RowHash Utf8, NoteMd5 Binary, OrderId Int(32, true)")
                .contains("__LastLoadedAt__ Timestamp(MICROSECOND, UTC) not null, __rowMarker__ Int(32, true) not null");
        String plan = debug.out().substring(debug.out().indexOf("# Configuration is valid."));
        assertThat(plan).containsPattern("(?s)CREATE TABLE.*\"RowHash\".*\"AmountEur\" DECIMAL\\(12,\\s?2\\).*\"__rowMarker__\"");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("ATTACH '" + project.resolve("warehouse.duckdb") + "' AS dest (READ_ONLY)");
            assertThat(count(st, "SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'dest'")).as("nothing written")
                    .isZero();
        }
    }

    @Test
    void validateReportsEveryMistakeAtItsLine() throws Exception {
        ordersInput();
        Path project = project("""
                  polish:
                    columns: {remove_special: yes please, case: kebab}
                    hash_id: []
                    hash_ids:
                      - {name: h, from_columns: [a], algo: sha265, hexx: true}
                    constants:
                      - {name: c}
                    timestamps:
                      - {name: t, source: utc, type: string, format: "%Y %Q"}
                    add_row_marker: {enabled: true, value: 3}
            """);
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).isNotZero();
        String shown = validate.out() + validate.err();
        assertThat(shown)
                .containsPattern("hygge.yml:10:\\d+: .*remove_special is true or false")
                .containsPattern("hygge.yml:10:\\d+: .*columns.case 'kebab' is not known; use pascal, camel or snake")
                .containsPattern("hygge.yml:11:\\d+: .*'hash_id'.*did you mean 'hash_ids'")
                .containsPattern("hygge.yml:13:\\d+: .*algo 'sha265' is not known.*did you mean 'sha256'")
                .containsPattern("hygge.yml:13:\\d+: .*'hexx'.*did you mean 'hex'")
                .containsPattern("hygge.yml:15:\\d+: .*constants: value is missing")
                .containsPattern("hygge.yml:17:\\d+: .*source 'utc' is not known; use now_utc or now_local")
                .containsPattern("hygge.yml:17:\\d+: .*%Q, which is not a strftime directive")
                .containsPattern("hygge.yml:18:\\d+: .*add_row_marker.value 3 is not one Open Mirroring knows");
    }

    @Test
    void columnsThatCollideOnceRenamedFailTheRunNamingBothAndNothingIsWritten() throws Exception {
        Files.createDirectories(tmp.resolve("landing"));
        input("SELECT 1 AS \"Order ID\", 2 AS order_id, 'x' AS name");
        Path project = project("""
                  polish:
                    columns: {remove_special: true, case: snake}
            """);
        assertThat(CliTest.hygge("validate", "--project", project.toString()).exit()).as("validate opens no Home").isZero();
        CliTest.Run debug = CliTest.hygge("debug", "--project", project.toString());
        assertThat(debug.out()).contains("FAILED: polish: two columns would be named 'order_id': the Home's column 'Order ID'"
                + " and the Home's column 'order_id'");
        CliTest.Run run = CliTest.hygge("start", "--project", project.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.out() + run.err()).contains("two columns would be named 'order_id'");
        if (Files.exists(project.resolve("warehouse.duckdb"))) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                st.execute("ATTACH '" + project.resolve("warehouse.duckdb") + "' AS dest (READ_ONLY)");
                assertThat(count(st, "SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'dest'")).isZero();
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
