package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI end to end on fixture triples ({@code src/test/resources/fixtures/<case>/}: the input
 * made by {@code setup.sql}, the project's {@code hygge.yml}, the {@code expected/} output; see
 * the README there). Each case runs the real {@code hygge start} with every bundled plugin, then
 * reads each destination back with DuckDB (parquet files with {@code read_parquet}, DuckDB tables
 * by attaching the file) and compares it with the expected CSV: hygge's own report is not asked.
 */
class CliFixturesTest {
    private static final String NULL = "NULL";
    private static final Pattern SETUP_FILE = Pattern.compile("'\\{dir}/([^']+)'");

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(fixtures())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path fixtures() throws URISyntaxException {
        return Path.of(CliFixturesTest.class.getResource("/fixtures").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDestinationHoldsWhatIsExpected(String name) throws Exception {
        Path fixture = fixtures().resolve(name);
        Path project = tmp.resolve(name);
        copyProject(fixture, project);
        setup(fixture.resolve("setup.sql"), project);

        for (String command : commands(fixture)) {
            String[] args = Stream.concat(Stream.of(command.trim().split("\\s+")), Stream.of("--project", project.toString()))
                    .toArray(String[]::new);
            CliTest.Run run = CliTest.hygge(args);
            assertThat(run.exit()).as("hygge " + command + " in fixture " + name + ":\n" + run.out() + run.err()).isZero();
        }
        expectDestinations(name, fixture, project);
    }

    /**
     * Reads every destination of {@code fixture}'s {@code expected/} back from {@code project} and
     * compares it: parquet folders and DuckDB tables, and that nothing else was written beside them.
     */
    static void expectDestinations(String name, Path fixture, Path project) throws IOException, SQLException {
        Path expected = fixture.resolve("expected");
        assertThat(expected).as("fixture " + name + " has an expected/ folder").isDirectory();
        Map<Path, Set<String>> tablesOfFile = new LinkedHashMap<>();
        Map<Path, Set<String>> foldersIn = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                Path relative = expected.relativize(csv);
                String destination = relative.toString().substring(0, relative.toString().length() - ".csv".length());
                Path parent = relative.getParent();
                if (parent != null && parent.getFileName().toString().endsWith(".duckdb")) {
                    Path file = project.resolve(parent.toString());
                    String table = csv.getFileName().toString().replaceAll("\\.csv$", "");
                    tablesOfFile.computeIfAbsent(file, f -> new TreeSet<>()).add(table);
                    compare(name, destination, "dest." + table, csv, "ATTACH '" + sql(file) + "' AS dest (READ_ONLY)");
                } else {
                    Path folder = project.resolve(destination);
                    if (parent != null) {
                        foldersIn.computeIfAbsent(folder.getParent(), f -> new TreeSet<>()).add(folder.getFileName().toString());
                    }
                    assertThat(folder).as("destination folder " + destination + " of fixture " + name).isDirectory();
                    compare(name, destination, "read_parquet('" + sql(folder) + "/*.parquet')", csv);
                }
            }
        }
        for (Map.Entry<Path, Set<String>> file : tablesOfFile.entrySet()) {
            assertThat(tables(file.getKey())).as("tables of " + project.relativize(file.getKey()) + " in fixture " + name)
                    .isEqualTo(file.getValue());
        }
        for (Map.Entry<Path, Set<String>> parent : foldersIn.entrySet()) {
            try (Stream<Path> folders = Files.list(parent.getKey())) {
                assertThat(folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList())
                        .as("folders in " + project.relativize(parent.getKey()) + " of fixture " + name)
                        .containsExactlyElementsOf(parent.getValue());
            }
        }
    }

    /** Everything of the fixture but its input script, commands and expected output. */
    static void copyProject(Path fixture, Path project) throws IOException {
        Set<String> notCopied = Set.of("expected", "setup.sql", "commands.txt");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.sorted().toList()) {
                Path relative = fixture.relativize(from);
                if (relative.getNameCount() > 0 && notCopied.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path to = project.resolve(relative.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    /** Runs the input script in DuckDB, {@code {dir}} replaced by the project folder. */
    static void setup(Path script, Path project) throws IOException, SQLException {
        if (!Files.exists(script)) {
            return;
        }
        String text = Files.readString(script);
        Matcher files = SETUP_FILE.matcher(text);
        while (files.find()) {
            Path parent = project.resolve(files.group(1)).getParent();
            Files.createDirectories(parent);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String statement : text.replace("{dir}", sql(project)).split(";\\s*(\\n|$)")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
        }
    }

    private static List<String> commands(Path fixture) throws IOException {
        Path file = fixture.resolve("commands.txt");
        if (!Files.exists(file)) {
            return List.of("start");
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /**
     * Compares the rows of {@code source} (a DuckDB table expression) with the CSV: the same
     * column names in order, the same rows in any order, each value as DuckDB casts it to text.
     */
    private static void compare(String fixture, String destination, String source, Path csv, String... before)
            throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String sql : before) {
                st.execute(sql);
            }
            Table actual = Table.of(st, "SELECT * FROM " + source);
            Table expected = Table.of(st, "SELECT * FROM read_csv('" + sql(csv) + "', header = true, all_varchar = true,"
                    + " nullstr = '" + NULL + "', quote = '\"', escape = '\"')");
            String where = "destination " + destination + " of fixture " + fixture;
            assertThat(actual.columns()).as("columns of " + where).isEqualTo(expected.columns());
            assertThat(actual.rows()).as("rows of " + where).isEqualTo(expected.rows());
        }
    }

    /** The tables of a DuckDB file, in every schema. */
    private static Set<String> tables(Path file) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("ATTACH '" + sql(file) + "' AS dest (READ_ONLY)");
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'dest'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    /** A path inside a single-quoted SQL string. */
    private static String sql(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    /** Column names and rows as text ({@link #NULL} for null), rows sorted so order does not count. */
    private record Table(List<String> columns, List<List<String>> rows) {
        static Table of(Statement st, String query) throws SQLException {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT * FROM (" + query + ") LIMIT 0")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(rs.getMetaData().getColumnName(i));
                }
            }
            StringBuilder cast = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                cast.append(i == 0 ? "" : ", ").append("CAST(\"").append(columns.get(i).replace("\"", "\"\"")).append("\" AS VARCHAR)");
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(cast + " FROM (" + query + ")")) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        String value = rs.getString(i);
                        row.add(value == null ? NULL : value);
                    }
                    rows.add(row);
                }
            }
            rows.sort(Comparator.comparing(Object::toString));
            return new Table(columns, rows);
        }
    }
}
