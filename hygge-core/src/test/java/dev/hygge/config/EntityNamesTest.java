package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.spi.ConfigException;
import dev.hygge.Flow;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names become folders, files and tables: every name that could reach outside its destination is a problem at load. */
class EntityNamesTest {
    @TempDir
    Path dir;

    private ProjectConfigException fails(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Throwable thrown = catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get).validate(TestKit.plugins()));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        return (ProjectConfigException) thrown;
    }

    @Test
    void everyHostileEntityNameIsAProblemWithItsLineAndColumnAllAtOnce() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  f:
                    home: landing/
                    store: {type: parquet, path: lake}
                    entities:
                      - ".."
                      - "../../x"
                      - /abs
                      - "a\\tb"
                      - "a\\nb"
                      - "nul\\0"
                      - "orders "
                      - " orders"
                      - "."
                      - ""
                      - 'C:x'
                      - 'back\\slash'
                      - {name: "../y", store: {compression: zstd}}
                      - fine
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:6:9: entity name '..' of flow 'f' is '..', which names the folder above; entity names become"
                        + " folder, file and table names: rename it (no / or \\, not . or .., no control characters, no leading"
                        + " or trailing spaces)",
                line(7, "../../x", "holds a path separator (/)"),
                line(8, "/abs", "is an absolute path (/)"),
                line(9, "a\\tb", "holds a control character (a TAB, \\t)"),
                line(10, "a\\nb", "holds a control character (a newline, \\n)"),
                line(11, "nul\\0", "holds a control character (a NUL, \\0)"),
                line(12, "orders ", "has trailing spaces"),
                line(13, " orders", "has leading spaces"),
                line(14, ".", "is '.', which names the folder itself"),
                "hygge.yml:15:9: an entity name of flow 'f' is empty",
                line(16, "C:x", "starts with a drive letter (C:), an absolute path on Windows"),
                line(17, "back\\slash", "holds a path separator (\\)"),
                "hygge.yml:18:10: entity name '../y' of flow 'f' holds a path separator (/); entity names become folder, file"
                        + " and table names: rename it (no / or \\, not . or .., no control characters, no leading or trailing"
                        + " spaces)");
    }

    private static String line(int line, String shown, String why) {
        return "hygge.yml:" + line + ":9: entity name '" + shown + "' of flow 'f' " + why + "; entity names become folder, file"
                + " and table names: rename it (no / or \\, not . or .., no control characters, no leading or trailing spaces)";
    }

    @Test
    void flowNamesAndEntityFileNamesAreCheckedToo() throws IOException {
        Path flow = Files.createDirectories(dir.resolve("flows/crm/entities"));
        Files.writeString(flow.resolve("../flow.yml"), "home: landing/\nstore: lake\n");
        Files.writeString(flow.resolve("Account.yml"), "name: \"Account\\t\"\n");
        Files.writeString(flow.resolve("..yml"), "store: {compression: zstd}\n");
        ProjectConfigException e = fails("""
                flows:
                  "..": {home: a.parquet, store: lake}
                  "tab\\there": {home: a.parquet, store: lake}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).anySatisfy(p -> assertThat(p)
                        .startsWith("hygge.yml:2:3: flow name '..' of the project is '..'"))
                .anySatisfy(p -> assertThat(p).startsWith("hygge.yml:3:3: flow name 'tab\\there' of the project holds a control"
                        + " character (a TAB, \\t)"))
                .anySatisfy(p -> assertThat(p).startsWith("flows/crm/entities/Account.yml:1:1: entity name 'Account\\t' of flow"
                        + " 'crm' holds a control character"))
                .anySatisfy(p -> assertThat(p).startsWith("flows/crm/entities/..yml:1:1: entity name '.' of flow 'crm' is '.'"));
    }

    @Test
    void sdkFlowsCheckTheSameRulesInBuild() {
        Flow.Builder builder = Flow.builder("orders").from("parquet", Map.of("path", "in")).to("parquet", Map.of("path", "out"));
        assertThatThrownBy(() -> builder.entity("..").build()).isInstanceOf(ConfigException.class)
                .hasMessage("Flow 'orders': entity '..' is '..', which names the folder above; entity names become folder and"
                        + " table names, so use a plain name such as 'orders'");
        assertThatThrownBy(() -> builder.entity("/etc").build()).hasMessageContaining("entity '/etc' is an absolute path");
        assertThatThrownBy(() -> builder.entity("a\nb").build()).hasMessageContaining("entity 'a\\nb' holds a control character");
        assertThatThrownBy(() -> builder.entity("a\u202Eb").build())
                .hasMessageContaining("entity 'a\\u202Eb' holds a control character (\\u202E)");
        assertThatThrownBy(() -> Flow.builder("x ").from("parquet", Map.of()).to("parquet", Map.of()).build())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Flow 'x ': the flow name has trailing spaces");
        assertThat(builder.entity("order lines").build().label()).isEqualTo("orders/order lines");
    }
}
