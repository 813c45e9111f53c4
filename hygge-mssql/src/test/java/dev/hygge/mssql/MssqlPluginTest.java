package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.Options;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.StoreFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MssqlPluginTest {

    @Test
    void factoriesAreDiscoverable() {
        assertThat(ServiceLoader.load(HomeFactory.class).stream().map(p -> p.get().type()).toList()).contains("mssql");
        assertThat(ServiceLoader.load(StoreFactory.class).stream().map(p -> p.get().type()).toList()).contains("mssql");
        assertThat(ServiceLoader.load(ConnectionFactory.class).stream().map(p -> p.get().type()).toList()).contains("mssql");
    }

    @Test
    void bindsTheYamlShapesOfTheDocs() {
        MssqlStoreOptions store = Options.bind(Map.of("connection", "warehouse", "table", "stage.{entity}",
                "if_exists", "replace", "write_strategy", "merge", "keys", List.of("Id"), "batch_size", 50_000,
                "parallel_workers", 4, "table_lock", "false", "table_options", Map.of("clustered_columnstore", false),
                "schema_overrides", Map.of("email", "NVARCHAR(320)")), MssqlStoreOptions.class, "store");
        store.validate("store");
        assertThat(store.batchSize).isEqualTo(50_000);
        assertThat(store.tableLockSetting()).isFalse();
        assertThat(store.tableOptions.clusteredColumnstore).isFalse();
        assertThat(store.tableName("Account").toString()).isEqualTo("stage.Account");

        MssqlConnectionOptions connection = Options.bind(Map.of("server", "sql.example.com", "database", "analytics",
                "auth", "azure_default", "pool_size", 8, "trust_server_certificate", true), MssqlConnectionOptions.class, "c");
        assertThat(connection.validate("c").effectiveAuth()).isEqualTo(MssqlConnectionOptions.Auth.AZURE_DEFAULT);
        assertThat(connection.trustServerCertificate).isTrue();

        MssqlHomeOptions home = Options.bind(Map.of("connection", "warehouse", "table", "crm.Account",
                "partition_column", "Id", "partitions", 8, "fetch_size", 5_000), MssqlHomeOptions.class, "home");
        assertThat(home.validate("home").partitions).isEqualTo(8);
    }
}
