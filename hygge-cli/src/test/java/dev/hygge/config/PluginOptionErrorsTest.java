package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in the options of real plugins (parquet, duckdb, mssql), reported at load with file and
 * line, what is wrong and what to do, and no secret: the typed options of each plugin, found by
 * discovery as the CLI finds them. Mistakes in the project's own shape: hygge-core's ProjectErrorsTest.
 */
class PluginOptionErrorsTest {
    @TempDir
    Path dir;

    private ProjectConfigException fails(String yaml) throws IOException {
        return fails(yaml, Map.of());
    }

    private ProjectConfigException fails(String yaml, Map<String, String> env) throws IOException {
        return TestKit.projectFails(dir, yaml, env, Plugins.discover());
    }

    @Test
    void unknownNestedOptionNamesItsOwnLine() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: {type: mssql, connection: w, table: t}
                    store:
                      type: mssql
                      connection: w
                      table: t
                      schema_inference:
                        sample_batch: 5
                """);
        assertThat(e.getMessage()).startsWith("hygge.yml:11:9: unknown key 'sample_batch'").contains("did you mean 'sample_batches'?");
    }

    @Test
    void problemsInFlowAndEntityFilesNameThoseFiles() throws IOException {
        Path flow = Files.createDirectories(dir.resolve("flows/crm"));
        Files.createDirectories(flow.resolve("entities"));
        Files.writeString(flow.resolve("flow.yml"), """
                home: {type: mssql, connection: w, table: "crm.{entity}"}
                store: {type: parquet, path: lake}
                """);
        Files.writeString(flow.resolve("entities/Account.yml"), """
                name: Account
                store: {compresion: zstd}
                """);
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                """);
        assertThat(e.getMessage()).startsWith("flows/crm/entities/Account.yml:2:9: unknown key 'compresion'")
                .contains("did you mean 'compression'?");
    }

    @Test
    void everyValueProblemOfAStoreIsReportedAtItsOwnKey() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: x.parquet
                    store:
                      type: mssql
                      connection: w
                      table: t
                      if_exists: upsert
                      write_strategy: mrge
                      batch_size: 0
                      schema_inference:
                        sample_batches: 0
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:10:7: 'if_exists' of the store of flow 'f' must be one of append, replace, truncate, fail, not 'upsert'",
                "hygge.yml:11:7: 'write_strategy' of the store of flow 'f' must be one of temp_swap, direct_insert, merge, not 'mrge'",
                "hygge.yml:14:9: the store of flow 'f' (type mssql): schema_inference.sample_batches must be at least 1, not 0",
                "hygge.yml:12:7: the store of flow 'f' (type mssql): batch_size must be at least 1, not 0");
    }

    /** The SQL Homes share their options' checks (hygge-jdbc): each mistake still at its own key, in the same words. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mssql", "mysql", "postgres"})
    void everyValueProblemOfASqlHomeIsReportedAtItsOwnKey(String type) throws IOException {
        boolean fetches = !type.equals("postgres");
        ProjectConfigException e = fails("""
                flows:
                  f:
                    home:
                      type: %s
                      table: t
                      query: SELECT 1
                      batch_size: 0
                      partitions: 2
                %s    store: {type: parquet, path: out}
                """.formatted(type, fetches ? "      fetch_size: 0\n      query_timeout: -1\n" : ""));
        String at = "the home of flow 'f' (type " + type + "): ";
        String connection = type.equals("mssql") ? "an mssql connection" : "a " + type + " connection";
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of(
                "hygge.yml:3:5: " + at + "option 'connection' is required: the name of " + connection,
                "hygge.yml:6:7: " + at + "give exactly one of 'table' or 'query'",
                "hygge.yml:7:7: " + at + "batch_size must be at least 1, not 0",
                "hygge.yml:8:7: " + at + "partitions 2 needs partition_column (an integer column)"));
        if (fetches) {
            expected.add(3, "hygge.yml:9:7: " + at + "fetch_size must be at least 1"
                    + (type.equals("mysql") ? " (the result is streamed)" : "") + ", not 0");
            expected.add("hygge.yml:10:7: " + at + "query_timeout must be 0 or more, not -1");
        }
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyElementsOf(expected);
    }

    /** mysql and postgres connections share their server checks (hygge-jdbc's ServerSettings): each mistake at its own key, in the same words. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mysql", "postgres"})
    void everyValueProblemOfAServerConnectionIsReportedAtItsOwnKey(String type) throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  c:
                    type: %s
                    host: ""
                    port: 0
                    pool_size: 0
                    connect_timeout: 0
                    socket_timeout: -1
                flows:
                  f:
                    home: {type: %s, connection: c, table: t}
                    store: {type: parquet, path: out}
                """.formatted(type, type));
        String at = "the connection 'c' (type " + type + "): ";
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:4:5: " + at + "option 'host' is required (the server's host name or address)",
                "hygge.yml:5:5: " + at + "port must be 1..65535, not 0",
                "hygge.yml:2:3: " + at + "option '" + (type.equals("mysql") ? "user" : "database") + "' is required",
                "hygge.yml:6:5: " + at + "pool_size must be at least 1, not 0",
                "hygge.yml:7:5: " + at + "connect_timeout must be at least 1 second, not 0",
                "hygge.yml:8:5: " + at + "socket_timeout must be 0 (no limit) or more, not -1");
    }

    @Test
    void serverConnectionsKeepTheirOwnDefaults() {
        var mysql = new dev.hygge.mysql.MysqlConnectionOptions();
        assertThat(java.util.List.of(String.valueOf(mysql.host), mysql.port, mysql.connectTimeout, mysql.socketTimeout))
                .containsExactly("null", 3306, 10, 0);
        var postgres = new dev.hygge.postgres.PostgresConnectionOptions();
        assertThat(java.util.List.of(postgres.host, postgres.port, postgres.connectTimeout, postgres.socketTimeout))
                .containsExactly("localhost", 5432, 5, 0);
    }

    @Test
    void secretsNeverAppearInErrors() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w:
                    type: mssql
                    server: s
                    password: [hunter2]
                  v:
                    type: mssql
                    client_secrt: hunter3
                flows:
                  f: {home: x.parquet, store: y}
                """);
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("hunter3")
                .contains("hygge.yml:5:5: 'password' of the connection 'w' must be text, not ****")
                .contains("hygge.yml:8:5: unknown key 'client_secrt'");
    }

    @Test
    void pluginValueChecksRunUpFrontWithTheStoresLine() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: x.parquet
                    store:
                      type: mssql
                      connection: w
                      table: t
                      batch_size: 0
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:10:7: the store of flow 'f' (type mssql): batch_size must be at least 1, not 0");
    }

    /**
     * Issue 11: values Jackson cannot bind and values the factory's validate refuses are all reported
     * in one pass, each at its own key, nested keys included; a key left out because it could not be
     * bound does not also report its default.
     */

    @Test
    void unknownPluginOptionSuggestsTheClosestFromTheTypedOptionsClass() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  events:
                    home: landing/events
                    store:
                      type: parquet
                      path: lake/events
                      compresion: zstd
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:7:7: unknown key 'compresion' in the store of flow 'events' (type parquet);"
                + " did you mean 'compression'? (valid keys: compression, file_pattern, format, format_options, if_exists, partition_by, path, row_group_size,"
                + " rows_per_file, storage, type)");
    }

    @Test
    void undefinedConnectionName() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  warehouse: {type: mssql, server: s}
                flows:
                  f:
                    home: {type: mssql, connection: warehose, table: t}
                    store: lake
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:5:25: connection 'warehose' used by the home of flow 'f' is not defined;"
                + " did you mean 'warehouse'? defined connections: warehouse");
    }

    @Test
    void wrongTypesNameTheKeyTheExpectedKindAndTheLine() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  f:
                    home: {type: parquet, path: x, batch_size: lots}
                    store: {type: parquet, path: y, compression: zsdt}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:3:36: 'batch_size' of the home of flow 'f' must be a whole number, not 'lots'",
                "hygge.yml:4:37: 'compression' of the store of flow 'f' must be one of snappy, zstd, gzip, lz4, brotli, none, not 'zsdt'");
    }
}
