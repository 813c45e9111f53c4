package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, deliverable 1 through the CLI with the real plugins: every value a Home, Store or
 * connection would refuse when it runs is reported by {@code hygge validate}, all in one run, each
 * at the line and column of its key, and {@code start} refuses the same project before anything runs.
 */
class CliOptionsValidationTest {
    @TempDir
    Path tmp;

    @Test
    void everyBadValueOfTheProjectIsReportedInOneRunWithFileLineAndColumn() throws IOException {
        Path project = tmp.resolve("broken");
        Files.createDirectories(project.resolve("data/landing"));
        Files.writeString(project.resolve("hygge.yml"), """
                name: broken
                flows_dir: flows
                connections:
                  warehouse:
                    type: mssql
                    server: sql.example.com
                    pool_size: 0
                  lake:
                    type: duckdb
                    path: ""
                """);
        flow(project, "parquet_values", """
                home:
                  type: parquet
                  path: data/landing
                  batch_size: 0
                store:
                  type: parquet
                  path: data/lake
                  compression: zsdt
                  if_exists: replcae
                  file_pattern: x.parquet
                """);
        flow(project, "parquet_pattern", """
                home: {type: parquet, path: data/landing}
                store:
                  type: parquet
                  path: data/lake2
                  file_pattern: "{name}_{seq}_{sequence}.parquet"
                """);
        flow(project, "duckdb_values", """
                home:
                  type: duckdb
                  path: data/w.duckdb
                store:
                  type: duckdb
                  path: data/w.duckdb
                  table: users
                  max_streams: 0
                  if_exists: upsert
                  schema_overrides:
                    email: "NVARCHAR(abc)"
                  memory_limit: lots
                """);
        flow(project, "mssql_values", """
                home: {type: mssql, connection: warehouse, table: dbo.src, partitions: 2}
                store:
                  type: mssql
                  connection: warehouse
                  table: dbo.users
                  parallel_workers: 0
                """);

        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        String err = validate.err();
        assertThat(validate.exit()).as(validate.out() + err).isEqualTo(HyggeCli.CONFIG_ERROR);
        String a = "flows/parquet_values/flow.yml:";
        String b = "flows/parquet_pattern/flow.yml:";
        String c = "flows/duckdb_values/flow.yml:";
        String d = "flows/mssql_values/flow.yml:";
        assertThat(err).contains(
                a + "4:3: ", "batch_size must be at least 1, not 0",
                a + "8:3: ", "'compression' of the store of flow 'parquet_values' must be one of snappy, zstd, gzip, lz4, brotli, none, not 'zsdt'",
                a + "9:3: ", "'if_exists' of the store of flow 'parquet_values' must be one of append, replace, truncate, fail, not 'replcae'",
                a + "10:3: ", "file_pattern 'x.parquet' needs a {sequence} placeholder",
                b + "5:3: ", "unknown placeholder {seq}",
                c + "1:1: ", "give either table or query: neither is set",
                c + "8:3: ", "max_streams must be at least 1, not 0",
                c + "9:3: ", "not 'upsert'",
                c + "11:5: ", "schema_overrides.email = 'NVARCHAR(abc)' is not a valid type",
                c + "12:3: ", "memory_limit 'lots' is not a memory size",
                d + "6:3: ", "parallel_workers must be at least 1, not 0",
                d + "1:60: ", "partitions 2 needs partition_column",
                "hygge.yml:7:5: ", "pool_size must be at least 1, not 0",
                "hygge.yml:10:5: ", "the connection 'lake' (type duckdb): option 'path' is empty");
        assertThat(err.lines().filter(l -> l.contains(".yml:")).count()).as(err).isEqualTo(14);

        CliTest.Run start = CliTest.hygge("start", "--project", project.toString());
        assertThat(start.exit()).as(start.out() + start.err()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(start.err()).contains(a + "8:3: ", c + "11:5: ", "hygge.yml:7:5: ");
        assertThat(project.resolve("data/lake")).doesNotExist();
        assertThat(project.resolve("data/w.duckdb")).doesNotExist();
        assertThat(project.resolve(".hygge")).doesNotExist();
    }

    private static void flow(Path project, String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(project.resolve("flows").resolve(name));
        Files.writeString(dir.resolve("flow.yml"), yaml);
    }
}
