package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.config.EntityLister;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Options;
import dev.hygge.spi.StoreFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The mysql plugins are found by ServiceLoader and bind the YAML shapes the README shows. */
class MysqlPluginTest {
    @Test
    void factoriesAreDiscoverable() {
        assertThat(ServiceLoader.load(HomeFactory.class).stream().map(p -> p.get().type()).toList()).contains("mysql");
        assertThat(ServiceLoader.load(StoreFactory.class).stream().map(p -> p.get().type()).toList()).contains("mysql");
        assertThat(ServiceLoader.load(ConnectionFactory.class).stream().map(p -> p.get().type()).toList()).contains("mysql");
        assertThat(ServiceLoader.load(EntityLister.class).stream().map(p -> p.get().homeType()).toList()).contains("mysql");
    }

    @Test
    void bindsTheYamlShapesOfTheReadme() {
        MysqlStoreOptions store = Options.bind(Map.of("connection", "shop", "table", "warehouse.{entity}",
                "if_exists", "replace", "write_strategy", "merge", "keys", List.of("id"), "parallel_workers", 2,
                "schema_overrides", Map.of("email", "VARCHAR(320)", "body", "MEDIUMTEXT")), MysqlStoreOptions.class, "store");
        store.validate("store");
        assertThat(store.tableName("orders").toString()).isEqualTo("warehouse.orders");
        MysqlHomeOptions home = Options.bind(Map.of("connection", "shop", "table", "shop.{entity}",
                "entity", "orders", "partition_column", "id", "partitions", 4), MysqlHomeOptions.class, "home");
        OptionProblems problems = new OptionProblems();
        home.check(problems);
        assertThat(problems.list()).isEmpty();
        assertThat(home.resolve(home.table)).isEqualTo("shop.orders");
    }

    @Test
    void badOverridesAreRefusedNamingTheType() {
        MysqlStoreOptions store = Options.bind(Map.of("connection", "shop", "table", "t",
                "schema_overrides", Map.of("email", "VARCHAR(20000)")), MysqlStoreOptions.class, "store");
        OptionProblems problems = new OptionProblems();
        store.check(problems);
        assertThat(problems.list().toString()).contains("VARCHAR(20000)").contains("LONGTEXT");
    }
}
