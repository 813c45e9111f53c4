package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Options;
import dev.hygge.spi.Destination;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a duckdb Store writes, by DuckDB's naming rules, resolved without opening anything. */
class DuckDbDestinationTest {
    @TempDir
    Path dir;

    private static DuckDbStoreOptions options(Map<String, Object> values) {
        return Options.bind(values, DuckDbStoreOptions.class, "test");
    }

    private Destination resolve(String table, String entity) {
        return resolve(Map.of("path", dir.resolve("w.duckdb").toString(), "table", table), entity);
    }

    private static Destination resolve(Map<String, Object> values, String entity) {
        return new DuckDbStoreFactory().destination(options(values), "flow", Optional.ofNullable(entity)).orElseThrow();
    }

    @Test
    void spellingsOfOneTableResolveToOneKey() {
        String key = resolve("{entity}", "orders").key();
        assertThat(key).isEqualTo("duckdb " + dir.resolve("w.duckdb") + " \"main\".\"orders\"");
        assertThat(resolve("{entity}", "\"orders\"").key()).isEqualTo(key);
        assertThat(resolve("main.{entity}", "orders").key()).isEqualTo(key);
        assertThat(resolve("MAIN.{entity}", "Orders").key()).isEqualTo(key);
        assertThat(resolve("\"Main\".\"ORDERS\"", null).key()).isEqualTo(key);
        assertThat(resolve("w.main.orders", null).key()).as("the file's own catalog").isEqualTo(key);
        assertThat(resolve("raw.{entity}", "orders").key()).isNotEqualTo(key);
        assertThat(resolve("{entity}", "orders_2").key()).isNotEqualTo(key);
    }

    @Test
    void theSameFileByAnotherPathIsTheSameDatabase() {
        Map<String, Object> relative = Map.of("path", dir.resolve("sub/../w.duckdb").toString(), "table", "orders");
        assertThat(resolve(relative, null).key()).isEqualTo(resolve("orders", null).key());
        assertThat(resolve(Map.of("path", dir.resolve("other.duckdb").toString(), "table", "orders"), null).key())
                .isNotEqualTo(resolve("orders", null).key());
    }

    @Test
    void aNamedConnectionIsKeyedByItsName() {
        Destination d = resolve(Map.of("connection", "warehouse", "table", "raw.{entity}"), "Orders");
        assertThat(d.key()).isEqualTo("duckdb connection warehouse \"raw\".\"orders\"");
        assertThat(d.shown()).isEqualTo("table raw.Orders in connection warehouse");
    }

    @Test
    void onlyAppendMayShare() {
        Map<String, Object> values = new HashMap<>(Map.of("path", "w.duckdb", "table", "t"));
        assertThat(resolve(values, null).append()).isTrue();
        values.put("write_strategy", "merge");
        values.put("keys", java.util.List.of("id"));
        assertThat(resolve(values, null).append()).as("merge appends into the table").isTrue();
        values.put("if_exists", "replace");
        assertThat(resolve(values, null).append()).isFalse();
        values.put("if_exists", "truncate");
        assertThat(resolve(values, null).append()).isFalse();
        Destination shown = resolve(Map.of("path", "w.duckdb", "table", "sales.\"Order Lines\""), null);
        assertThat(shown.shown()).isEqualTo("table sales.\"Order Lines\" in " + Path.of("w.duckdb").toAbsolutePath());
    }

    @Test
    void anInMemoryDatabaseIsNobodyElsesDestination() {
        assertThat(new DuckDbStoreFactory().destination(options(Map.of("path", ":memory:", "table", "t")), "f",
                Optional.empty())).isEmpty();
    }

    @Test
    void namesDuckDbCannotUseAreConfigErrors() {
        assertThatThrownBy(() -> resolve("{entity}", "orders ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'orders '").hasMessageContaining("space");
        assertThatThrownBy(() -> resolve("{entity}", " orders")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("space");
        assertThatThrownBy(() -> resolve("{entity}", "or\tders")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> resolve("\"a\nb\"", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> resolve("raw.{entity}", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> resolve("{entity}", "a.b.c.d")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 parts");
        assertThatThrownBy(() -> resolve("other.main.orders", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("catalog 'other'");
        assertThatThrownBy(() -> resolve(Map.of("table", "t"), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("path");
        // quoted, a space inside a name is the user's choice
        assertThat(resolve("\"order lines\"", null).key()).endsWith("\"main\".\"order lines\"");
    }
}
