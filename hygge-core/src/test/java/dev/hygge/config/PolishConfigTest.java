package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.polish.ColumnCase;
import dev.hygge.polish.HashAlgorithm;
import dev.hygge.polish.Polish;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Store's {@code polish:} as the original wrote it, in each of its shapes, read into the same
 * {@link Polish} the SDK builds: inherited by entities, under the original's {@code options:}
 * layout, with the short forms ({@code add_row_marker: true}, one rule without a list, one
 * {@code from_columns} name); the Store's own options never see it.
 */
class PolishConfigTest {
    @TempDir
    Path dir;

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        return Project.load(dir, Map.<String, String>of()::get, TestKit.plugins());
    }

    @Test
    void everyShapeOfTheOriginalReadsIntoOnePolish() throws IOException {
        Project project = load("""
                flows:
                  crm:
                    home: landing/
                    store:
                      type: parquet
                      options:
                        path: lake/
                        polish:
                          columns: {case: snake, remove_spaces: true}
                          hash_ids: {name: key, from_columns: Id, algo: SHA-1, hex: false}
                          constants: [{name: n, value: 7}, {name: flag, value: true}]
                          timestamps: [{name: at, source: now_local, type: string, format: "%Y-%m-%d"}]
                          add_row_marker: true
                    entities: [a, b]
                """);
        assertThat(project.flows()).hasSize(2).allSatisfy(d -> {
            assertThat(d.store().options()).doesNotContainKey("polish");
            Polish polish = d.polish().orElseThrow();
            assertThat(polish.columnCase()).contains(ColumnCase.SNAKE);
            assertThat(polish.removeSpaces()).isTrue();
            assertThat(polish.removeSpecial()).isFalse();
            assertThat(polish.hashIds()).singleElement().satisfies(h -> {
                assertThat(h.fromColumns()).containsExactly("Id");
                assertThat(h.algorithm()).isEqualTo(HashAlgorithm.SHA1);
                assertThat(h.hex()).isFalse();
                assertThat(h.where()).as("the line of the rule").startsWith("hygge.yml:10:");
            });
            assertThat(polish.constants()).extracting(c -> c.value()).containsExactly(7, true);
            assertThat(polish.timestamps()).singleElement().satisfies(t -> {
                assertThat(t.local()).isTrue();
                assertThat(t.text()).isTrue();
                assertThat(t.format()).isEqualTo(Optional.of("%Y-%m-%d"));
            });
            assertThat(polish.rowMarker()).hasValue(4);
        });
        assertThat(project.notes()).anyMatch(n -> n.contains("settings nested under store.options: are deprecated"));
    }

    @Test
    void noPolishAndAnEmptyOneChangeNothing() throws IOException {
        Project project = load("""
                flows:
                  a: {home: x.parquet, store: lake/a}
                  b: {home: x.parquet, store: {path: lake/b, polish: {add_row_marker: {enabled: false}}}}
                """);
        assertThat(project.flows()).extracting(d -> d.polish().map(Polish::isEmpty)).containsExactly(Optional.empty(), Optional.of(true));
    }

    @Test
    void aPolishNotAMapAndRulesNotMapsAreProblemsAtTheirLines() throws IOException {
        List<String> problems = TestKit.projectFails(dir, """
                flows:
                  a: {home: x.parquet, store: {path: lake/a, polish: [columns]}}
                  b:
                    home: x.parquet
                    store:
                      path: lake/b
                      polish:
                        hash_ids: [sha256]
                        constants: [{value: 1}]
                """, Map.of(), TestKit.plugins()).problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).containsExactly(
                "hygge.yml:2:46: polish of the store of flow 'a' is a map (columns, hash_ids, constants, timestamps, add_row_marker), not a list",
                "hygge.yml:8:20: polish of the store of flow 'b' hash_ids: each is a map (name, from_columns, algo, hex), not text",
                "hygge.yml:9:21: polish of the store of flow 'b' constants: name is missing; name the column it adds");
    }
}
