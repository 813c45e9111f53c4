package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.config.EntityLister;
import dev.hygge.config.EntityLister.TablePattern;
import dev.hygge.config.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entities: "*"} on an mssql Home: the listing SQL and the schema taken from the table
 * pattern, the listing run against H2 in SQL Server mode (which has INFORMATION_SCHEMA.TABLES and
 * SCHEMATA as SQL Server does), and an unreachable server reported with file and line, no secret.
 * The listing against a real SQL Server is in {@link MssqlRoundTripIT}.
 */
class MssqlEntityListerTest {
    private static final String URL = "jdbc:h2:mem:listing;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=-1";
    private static final Map<String, Object> CONNECTION = Map.of("server", "h2", "user", "sa", "password", "hunter2");

    @TempDir
    Path dir;

    @BeforeAll
    static void tables() throws SQLException {
        try (Connection c = h2().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA crm");
            st.execute("CREATE TABLE crm.orders (id INT)");
            st.execute("CREATE TABLE crm.Contacts (id INT)");
            st.execute("CREATE TABLE crm.tmp_load (id INT)");
            st.execute("CREATE TABLE crm.hygge_stage_0a1b2c3d_lk3x9a1b2c_orders (id INT)");   // left by a killed write
            st.execute("CREATE TABLE crm.hygge_state (k INT)");   // where incremental loads keep their watermarks
            st.execute("CREATE VIEW crm.open_orders AS SELECT * FROM crm.orders");
            st.execute("CREATE SCHEMA dbo");
            st.execute("CREATE TABLE dbo.settings (k VARCHAR(10))");
            st.execute("CREATE SCHEMA empty");
        }
    }

    private static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(URL);
        return ds;
    }

    private static EntityLister.Source source(String table) {
        return new EntityLister.Source(Map.of("connection", "warehouse", "table", table),
                Optional.of(new EntityLister.NamedConnection("warehouse", "mssql", CONNECTION)));
    }

    private final MssqlEntityLister lister = new MssqlEntityLister((name, options) -> h2());

    @Test
    void theSqlReadsOneSchemaOfTheCatalogThePatternNames() {
        assertThat(MssqlEntityLister.tablesSql(TablePattern.parse("crm.{entity}"))).isEqualTo("SELECT TABLE_NAME FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'VIEW')"
                + " AND TABLE_NAME NOT LIKE 'hygge\\_stage\\_%' ESCAPE '\\' AND TABLE_NAME <> 'hygge_state'");
        assertThat(MssqlEntityLister.tablesSql(TablePattern.parse("[my]]db].crm.{entity}")))
                .startsWith("SELECT TABLE_NAME FROM [my]]]]db].INFORMATION_SCHEMA.TABLES WHERE");
        assertThat(MssqlEntityLister.schemaSql(TablePattern.parse("dw.crm.{entity}")))
                .isEqualTo("SELECT COUNT(*) FROM [dw].INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?");
    }

    @Test
    void listsTablesAndViewsOfTheSchemaSorted() {
        assertThat(lister.entities(source("crm.{entity}"))).containsExactly("Contacts", "open_orders", "orders", "tmp_load");
        assertThat(lister.entities(source("[crm].{entity}"))).containsExactly("Contacts", "open_orders", "orders", "tmp_load");
        assertThat(lister.entities(source("{entity}"))).as("no schema is dbo").containsExactly("settings");
        assertThat(lister.entities(source("crm.tmp_{entity}"))).containsExactly("load");
        assertThat(lister.entities(source("listing.crm.{entity}"))).as("a catalog").hasSize(4);
        assertThat(lister.entities(source("empty.{entity}"))).isEmpty();
    }

    @Test
    void aMissingSchemaIsNamedWithoutSecrets() {
        assertThatThrownBy(() -> lister.entities(source("sales.{entity}"))).isInstanceOf(ConfigException.class)
                .hasMessage("there is no schema 'sales' through connection 'warehouse' (h2:1433); fix the home's table pattern"
                        + " 'sales.{entity}' or the connection's database")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aQueryOnlyHomeOrAHomeWithoutConnectionSaysWhatToAdd() {
        assertThatThrownBy(() -> lister.entities(new EntityLister.Source(Map.of("connection", "w", "query", "SELECT 1"),
                Optional.empty()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("this mssql home has only a query; add table: \"<schema>.{entity}\"");
        assertThatThrownBy(() -> lister.entities(new EntityLister.Source(Map.of("table", "crm.{entity}"), Optional.empty())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("add connection:");
    }

    @Test
    void anUnreachableServerIsAConfigErrorWithFileAndLineAndNoSecret() throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  warehouse:
                    type: mssql
                    server: 127.0.0.1
                    port: 1
                    database: analytics
                    user: loader
                    password: "${SQL_PASSWORD}"
                    login_timeout: 2
                    encrypt: "false"
                flows:
                  crm:
                    home: {type: mssql, connection: warehouse, table: "crm.{entity}"}
                    store: lake/crm
                    entities: "*"
                """);
        assertThatThrownBy(() -> Project.load(dir, Map.of("SQL_PASSWORD", "s3cr3t-pw")::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hygge.yml:15:5: cannot list the entities of flow 'crm': cannot list the tables of schema"
                        + " 'crm' through connection 'warehouse' (127.0.0.1:1/analytics): ")
                .hasMessageEndingWith(". Check server, port, database, the network and the credentials")
                .hasMessageNotContaining("s3cr3t-pw");
    }
}
