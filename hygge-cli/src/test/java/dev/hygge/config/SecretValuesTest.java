package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.spi.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values from the environment and of mistyped or unknown secret keys never reach a message or an output. */
class SecretValuesTest {
    private static final Map<String, String> ENV = Map.of("PW", "hunter2", "SERVER", "sql.example.com");

    @TempDir
    Path dir;

    private ProjectConfigException fails(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Throwable thrown = catchThrowable(() -> Project.load(dir, ENV::get).validate(Plugins.discover()));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        return (ProjectConfigException) thrown;
    }

    @Test
    void aTypeErrorNamesTheKeyAndTheVariableNotTheValue() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: "${SERVER}", pool_size: "${PW}"}
                options: {queue_size: "${PW}", lock_timeout: "${PW}"}
                flows:
                  f: {home: a.parquet, store: {type: parquet, path: lake, rows_per_file: "x${PW}"}}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:3:11: 'queue_size' must be a whole number from 0 to 10000, not the value of ${PW} (not shown)",
                "hygge.yml:3:32: 'lock_timeout' must be a duration such as 30s, 10m, 1h, PT10M or a number of seconds, not the value"
                        + " of ${PW} (not shown)");
        ProjectConfigException bound = fails("""
                connections:
                  w: {type: mssql, server: "${SERVER}", pool_size: "${PW}"}
                flows:
                  f: {home: a.parquet, store: {type: parquet, path: lake, rows_per_file: "x${PW}"}}
                """);
        assertThat(bound.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:2:41: 'pool_size' of the connection 'w' must be a whole number, not the value of ${PW} (not shown)",
                "hygge.yml:4:59: 'rows_per_file' of the store of flow 'f' must be a whole number, not the value of ${PW} (not shown)");
        assertThat(e.getMessage() + bound.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void redactReplacesEveryValueFromTheEnvironmentInAnyMessage() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  w: {type: mssql, server: "${SERVER}", user: sa, password: "${PW}"}
                flows:
                  f: {home: a.parquet, store: lake}
                """);
        Project project = Project.load(dir, ENV::get);
        assertThat(project.redact("Login failed for sa with hunter2 at sql.example.com; password=abc"))
                .isEqualTo("Login failed for sa with ${PW} at ${SERVER}; password=****");
    }

    @Test
    void mistypedSecretKeysAndUnknownKeysAreMaskedWhereOptionsAreShown() throws IOException {
        assertThat(List.of("pasword", "passwrod", "db_pasword", "secert", "clinet_secret", "tokne", "acess_token", "credentails",
                "conection_string", "passphrse")).allMatch(Secrets::looksSecret);
        assertThat(List.of("keys", "primary_keys", "server", "table", "path", "monkey", "tokenizer", "select", "sector", "schema",
                "tenant", "compression", "if_exists")).noneMatch(Secrets::looksSecret);
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  w: {type: mssql, server: s, user: sa, pasword: hunter2, passwd_hint: "${PW}"}
                flows:
                  f: {home: a.parquet, store: {type: parquet, path: lake, api_tokn: tok3n, spare: plain}}
                """);
        Project project = Project.load(dir, ENV::get);
        Map<String, Object> connection = Project.shown(project.connections().get(0).spec(),
                Plugins.discover().connection("mssql"));
        assertThat(connection).containsEntry("server", "s").containsEntry("user", "sa").containsEntry("pasword", Secrets.MASK)
                .containsEntry("passwd_hint", Secrets.MASK);
        Map<String, Object> store = Project.shown(project.flows().get(0).store(), Plugins.discover().store("parquet"));
        assertThat(store).containsEntry("api_tokn", Secrets.MASK).containsEntry("spare", Secrets.MASK)
                .containsEntry("path", dir.resolve("lake").toString());
        assertThat(project.flows().get(0).store().masked()).containsEntry("api_tokn", Secrets.MASK).containsEntry("spare", "plain");
    }
}
