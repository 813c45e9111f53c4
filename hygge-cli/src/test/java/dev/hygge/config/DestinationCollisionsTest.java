package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.spi.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows whose names land in one destination after the real duckdb Store's rules (case folded, quotes
 * dropped, schema main by default) are an error naming both, with file and line.
 */
class DestinationCollisionsTest {
    @TempDir
    Path dir;

    /** The database file as the duckdb Store names it in messages: its absolute path. */
    private String w() {
        return dir.resolve("w.duckdb").toAbsolutePath().normalize().toString();
    }

    private Throwable validate(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        return catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get).validate(Plugins.discover()));
    }

    private ProjectConfigException fails(String yaml) throws IOException {
        Throwable thrown = validate(yaml);
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        return (ProjectConfigException) thrown;
    }

    @Test
    void quotedCaseFoldedAndSchemaPrefixedNamesOfOneTableAreAnErrorNamingBoth() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  load:
                    home: landing/
                    store: {type: duckdb, path: w.duckdb, table: "{entity}", if_exists: replace}
                    entities:
                      - orders
                      - '"orders"'
                      - main.orders
                      - ORDERS
                      - customers
                """);
        String loser = "; only two appends may share a destination, so one would overwrite the other's rows: give each its own"
                + " folder or table";
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:7:9: flow 'load/\"orders\"' writes table \"orders\" in " + w() + " and flow 'load/orders' (hygge.yml:6:9)"
                        + " writes table orders in " + w() + ": the same destination" + loser,
                "hygge.yml:8:9: flow 'load/main.orders' writes table main.orders in " + w() + " and flow 'load/orders' (hygge.yml:6:9)"
                        + " writes table orders in " + w() + ": the same destination" + loser,
                "hygge.yml:9:9: flow 'load/ORDERS' writes table ORDERS in " + w() + " and flow 'load/orders' (hygge.yml:6:9)"
                        + " writes table orders in " + w() + ": the same destination" + loser);
    }

    @Test
    void twoFlowsInTwoFilesNameEachOthersFileAndLine() throws IOException {
        Path other = Files.createDirectories(dir.resolve("flows/second"));
        Files.writeString(other.resolve("flow.yml"), """
                home: b.parquet
                store: {type: duckdb, path: w.duckdb, table: Orders, if_exists: append}
                """);
        ProjectConfigException e = fails("""
                flows:
                  first:
                    home: a.parquet
                    store: {type: duckdb, path: w.duckdb, table: orders, if_exists: truncate}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "flows/second/flow.yml:2:1: flow 'second' writes table Orders in " + w() + " and flow 'first' (hygge.yml:4:5) writes"
                        + " table orders in " + w() + ": the same destination; only two appends may share a destination, so one would"
                        + " overwrite the other's rows: give each its own folder or table");
    }

    @Test
    void appendsUnderOneNameShareADestinationButNotUnderTwo() throws IOException {
        assertThat(validate("""
                flows:
                  a: {home: a.parquet, store: {type: duckdb, path: w.duckdb, table: events}}
                  b: {home: b.parquet, store: {type: duckdb, path: w.duckdb, table: events}}
                  c: {home: c.parquet, store: {type: duckdb, path: other.duckdb, table: events, if_exists: replace}}
                """)).isNull();
        ProjectConfigException e = fails("""
                flows:
                  a: {home: a.parquet, store: {type: duckdb, path: w.duckdb, table: events}}
                  b: {home: b.parquet, store: {type: duckdb, path: w.duckdb, table: main.events}}
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:3:24: flow 'b' writes table main.events in " + w() + " and flow 'a'"
                + " (hygge.yml:2:24) writes table events in " + w() + ": the same destination; two appends may share a destination"
                + " only under one name: write the same name in both");
    }

    @Test
    void aNameTheStoreRejectsIsAProblemAtThatFlow() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  load:
                    home: landing/
                    store: {type: duckdb, path: w.duckdb, table: "raw.{entity}"}
                    entities: [fine, "a.b.c"]
                """);
        // the duckdb Store's own rule, reported by its validate at the table key once the entity is in
        assertThat(e.problems()).extracting(ConfigProblem::toString).singleElement().asString()
                .startsWith("hygge.yml:4:43: the store of flow 'load' (type duckdb): table 'raw.a.b.c'")
                .contains("has 4 parts; write table, schema.table or catalog.schema.table");
    }
}
