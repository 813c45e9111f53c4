package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Flow;
import dev.hygge.ProjectFlows;
import dev.hygge.spi.FlowLimits;
import dev.hygge.spi.Options;
import dev.hygge.jdbc.IfExists;
import dev.hygge.mssql.MssqlStoreOptions;
import dev.hygge.parquet.Compression;
import dev.hygge.parquet.ParquetStoreOptions;
import dev.hygge.spi.Plugins;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shape of CONFIG.md loads, validates against the real plugins' typed options and becomes engine flows. */
class ProjectShapesTest {
    private static final Map<String, String> ENV = Map.of("SQL_SERVER", "sql.example.com", "SQL_PASSWORD", "hunter2");

    static Path shape(String name) throws URISyntaxException {
        return Path.of(ProjectShapesTest.class.getResource("/config/" + name + "/hygge.yml").toURI());
    }

    static Project load(String name) throws URISyntaxException {
        Project project = Project.load(shape(name), ENV::get);
        project.validate(Plugins.discover());
        return project;
    }

    @Test
    void smallestShapeInfersParquetFromPaths() throws Exception {
        Project project = load("shape1");
        Path root = shape("shape1").getParent();
        assertThat(project.name()).isEqualTo("shape1");
        assertThat(project.flows()).hasSize(1);
        FlowDefinition orders = project.flows().get(0);
        assertThat(orders.label()).isEqualTo("orders");
        assertThat(orders.home().type()).isEqualTo("parquet");
        assertThat(orders.home().options()).containsEntry("path", root.resolve("landing/orders.parquet").toString());
        assertThat(orders.store().type()).isEqualTo("parquet");
        assertThat(orders.store().options()).containsEntry("path", root.resolve("lake/orders").toString());
        assertThat(orders.queueSize()).isEqualTo(FlowLimits.QUEUE_SIZE.defaultValue());
        assertThat(ProjectFlows.runOptions(project).maxParallelFlows()).isEqualTo(4);
        Flow flow = ProjectFlows.flow(orders);
        assertThat(flow.name()).isEqualTo("orders");
        assertThat(flow.entity()).isEmpty();
    }

    @Test
    void entityPatternMakesOneFlowPerEntity() throws Exception {
        Project project = load("shape2");
        assertThat(project.flows()).extracting(FlowDefinition::label)
                .containsExactly("landing_to_lake/customers", "landing_to_lake/orders", "landing_to_lake/products");
        FlowDefinition orders = project.flows().get(1);
        assertThat(orders.entity()).contains("orders");
        // how the entity reaches the parquet Home (its entity option) is the plugin's rule: hygge-parquet's ParquetDiscoveredEntitiesTest
        assertThat(orders.queueSize()).isEqualTo(8);
        assertThat(ProjectFlows.flow(orders).entity()).contains("orders");
    }

    @Test
    void explicitTypesAndProjectDefaults() throws Exception {
        Project project = load("shape3");
        assertThat(project.name()).isEqualTo("warehouse_sync");
        assertThat(ProjectFlows.runOptions(project).maxParallelFlows()).isEqualTo(4);
        assertThat(ProjectFlows.runOptions(project).continueOnError()).isTrue();
        FlowDefinition events = project.flows().get(0);
        assertThat(events.queueSize()).isEqualTo(15);
        assertThat(events.home().options()).containsEntry("batch_size", 50000);
        assertThat(events.store().options()).containsEntry("compression", "zstd")
                .containsEntry("file_pattern", "events_{sequence:020d}.parquet");
        ParquetStoreOptions store = Options.bind(events.store().options(), ParquetStoreOptions.class, "t");
        assertThat(store.compression).isEqualTo(Compression.ZSTD);
    }

    @Test
    void sqlServerShapeWithConnectionsEnvironmentAndEntitySubstitution() throws Exception {
        Project project = load("shape4");
        assertThat(project.connections()).hasSize(1);
        ConnectionDefinition warehouse = project.connections().get(0);
        assertThat(warehouse.name()).isEqualTo("warehouse");
        assertThat(warehouse.spec().type()).isEqualTo("mssql");
        assertThat(warehouse.spec().options()).containsEntry("server", "sql.example.com")
                .containsEntry("database", "analytics")
                .containsEntry("pool_size", 8);
        assertThat(project.flows()).extracting(FlowDefinition::label)
                .containsExactly("crm_to_sql/Account", "crm_to_sql/Contact", "crm_to_sql/Opportunity");
        FlowDefinition contact = project.flows().get(1);
        assertThat(contact.home().options()).containsEntry("table", "crm.Contact").containsEntry("connection", "warehouse");
        assertThat(contact.store().options()).containsEntry("table", "stage.Contact");
        MssqlStoreOptions store = Options.bind(contact.store().options(), MssqlStoreOptions.class, "t");
        assertThat(store.ifExists).isEqualTo(IfExists.REPLACE);
        assertThat(store.schemaInference.sampleBatches).isEqualTo(5);
        assertThat(store.schemaInference.bufferFactor).isEqualTo(2.0);
        assertThat(store.schemaOverrides).containsEntry("email", "NVARCHAR(320)");
        assertThat(store.parallelWorkers).isEqualTo(8);
    }

    @Test
    void flowsInFoldersWithEntityFilesOverridingTheFlow() throws Exception {
        Project project = load("shape5");
        assertThat(project.name()).isEqualTo("crm");
        assertThat(ProjectFlows.runOptions(project).maxParallelFlows()).isEqualTo(2);
        assertThat(project.flowNames()).containsExactly("crm_to_sql");
        assertThat(project.flows()).extracting(FlowDefinition::label).containsExactly("crm_to_sql/Account", "crm_to_sql/Contact");
        FlowDefinition account = project.flows().get(0);
        FlowDefinition contact = project.flows().get(1);
        assertThat(account.home().options()).containsEntry("table", "crm.Account").doesNotContainKey("query");
        assertThat(account.queueSize()).isEqualTo(4);          // project default
        assertThat(account.parallelism()).isEqualTo(2);        // flow
        assertThat(contact.queueSize()).isEqualTo(2);          // entity over flow over project
        assertThat(contact.home().options()).containsEntry("query", "SELECT * FROM crm.Contact WHERE IsDeleted = 0")
                .containsEntry("connection", "warehouse");
        assertThat(contact.store().options()).containsEntry("write_strategy", "merge").containsEntry("keys", List.of("Id"))
                .containsEntry("table", "stage.Contact");
        assertThat(contact.origin().file()).isEqualTo(Path.of("flows/crm_to_sql/entities/Contact.yml"));
        assertThat(project.connections().get(0).spec().options()).containsEntry("password", "hunter2");
        assertThat(project.connections().get(0).spec().masked()).containsEntry("password", Secrets.MASK);
        assertThat(project.connections().get(0).spec().toString()).doesNotContain("hunter2");
    }

    @Test
    void originalOptionsNestedSettingsStillLoadWithADeprecationNote() throws Exception {
        Project project = load("nested");
        FlowDefinition events = project.flows().get(0);
        assertThat(events.home().options()).containsEntry("batch_size", 5000).doesNotContainKey("options");
        assertThat(events.store().options()).containsEntry("compression", "gzip");
        assertThat(project.notes()).hasSize(2);
        assertThat(project.notes().get(0)).contains("hygge.yml:7").contains("deprecated").contains("batch_size");
    }

    @Test
    void starAsksAListerWithTheHomesNamedConnection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  warehouse: {type: catalog, tables: "${TABLES}"}
                flows:
                  crm:
                    home: {type: catalog, connection: warehouse, table: "crm.{entity}"}
                    store: lake/
                    entities: "*"
                    exclude: ["tmp_*"]
                """);
        Project project = Project.load(dir, Map.of("TABLES", "crm.orders,sales.x,crm.customers,crm.tmp_load")::get);
        assertThat(project.flows()).extracting(d -> d.entity().orElseThrow()).containsExactly("customers", "orders");
        assertThat(project.select("crm", "orders").get(0).home().options()).containsEntry("table", "crm.orders");
    }

    @Test
    void discoveryWalksUpFromASubfolderAndEntityPathsAreSubstituted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                name: up
                flows:
                  copy:
                    home: {type: parquet, path: "in/{entity}/*.parquet"}
                    store: {type: parquet, path: out}
                    entities: [a, b]
                """);
        Path deep = Files.createDirectories(dir.resolve("x/y"));
        assertThat(Project.find(deep)).contains(dir.resolve("hygge.yml").toAbsolutePath().normalize());
        Project project = Project.discover(deep);
        assertThat(project.name()).isEqualTo("up");
        FlowDefinition b = project.select("copy", "b").get(0);
        assertThat(b.home().options()).containsEntry("path", dir.toAbsolutePath().normalize().resolve("in/b/*.parquet").toString())
                .doesNotContainKey("entity");
        assertThat(b.entity()).isEqualTo(Optional.of("b"));
    }

    @Test
    void specialDatabasePathsAreNotMadeRelative(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  mem: {type: duckdb, path: ":memory:"}
                  cloud: {type: duckdb, path: "md:analytics"}
                  home: {type: duckdb, path: "~/w.duckdb"}
                flows:
                  f: {home: "s3://bucket/x.parquet", store: y}
                """);
        Project project = Project.load(dir);
        assertThat(project.connections()).extracting(c -> c.spec().options().get("path"))
                .containsExactly(":memory:", "md:analytics", System.getProperty("user.home") + "/w.duckdb");
        assertThat(project.flows().get(0).home().options()).containsEntry("path", "s3://bucket/x.parquet");
    }

    @Test
    void inlineEntityMapsOverrideTheFlow(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                options: {queue_size: 3}
                flows:
                  copy:
                    home: in/
                    store: {type: parquet, path: out, compression: zstd}
                    entities:
                      - a
                      - {name: b, store: {compression: gzip}, options: {parallelism: 1}}
                """);
        Project project = Project.load(dir);
        project.validate(Plugins.discover());
        FlowDefinition a = project.flows().get(0);
        FlowDefinition b = project.flows().get(1);
        assertThat(a.store().options()).containsEntry("compression", "zstd");
        assertThat(b.store().options()).containsEntry("compression", "gzip").containsKey("path");
        assertThat(b.parallelism()).isEqualTo(1);
        assertThat(b.queueSize()).isEqualTo(3);
        assertThat(b.origin().line()).isEqualTo(8);
    }

    @Test
    void theOriginalsLayoutLoadsWithDeprecationNotes() throws Exception {
        Project project = Project.load(shape("original"), ENV::get, Plugins.discover());
        project.validate(Plugins.discover());
        assertThat(ProjectFlows.runOptions(project).maxParallelFlows()).isEqualTo(3);
        assertThat(project.flows()).extracting(FlowDefinition::label)
                .containsExactly("parquet_to_sql/accounts", "parquet_to_sql/contacts");
        FlowDefinition accounts = project.flows().get(0);
        FlowDefinition contacts = project.flows().get(1);
        assertThat(accounts.queueSize()).isEqualTo(16);
        assertThat(accounts.store().options()).containsEntry("batch_size", 100000).containsEntry("if_exists", "replace")
                .containsEntry("parallel_workers", 3).containsEntry("table", "dbo.Accounts");
        assertThat(contacts.store().options()).containsEntry("batch_size", 102400).containsEntry("table", "dbo.contacts");
        assertThat(project.notes()).anySatisfy(n -> assertThat(n).startsWith("hygge.yml:12:3: 'max_parallel_entities'"))
                .anySatisfy(n -> assertThat(n).startsWith("flows/parquet_to_sql/flow.yml:9:1: 'defaults:'"))
                .anySatisfy(n -> assertThat(n).startsWith("flows/parquet_to_sql/entities/accounts.yml:5:3: Home/Store settings")
                        .contains("store.batch_size"));
    }

    @Test
    void withoutPluginsStoreSettingsUnderOptionsAreUnknownKeys() throws Exception {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Project.load(shape("original"), ENV::get));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class)
                .hasMessageContaining("flows/parquet_to_sql/flow.yml:10:3: unknown key 'batch_size' in options of flow 'parquet_to_sql'")
                .hasMessageContaining("Home and Store settings belong under home: and store:");
    }
}
