package dev.hygge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.jdbc.IfExists;
import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.OnOverflow;
import dev.hygge.jdbc.WriteStrategy;
import dev.hygge.spi.Home;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Options;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.SupportsWritePlan;
import dev.hygge.spi.WriteRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every table Store promises, checked by reading the destination back with SQL: each
 * {@code if_exists} × {@code write_strategy} on a table that exists and on one that does not,
 * values wider than the inferred column ({@code on_overflow}), a source column added on a later
 * run, a source failing halfway (the table as it was) and nothing left behind ({@code hygge_stage_*}
 * or anything else); and the state an incremental load commits with its rows ({@code hygge_state}):
 * committed with them, left as it was by a write that fails (halfway, or in its final transaction),
 * replaced by a full load that makes the table anew, and an incremental run that never replaces
 * or truncates. A table Store's test gets all of it by extending this class:
 *
 * <pre>{@code
 * class DuckDbTableStoreTest extends TableStoreContract {
 *     protected Database freshDatabase(Path dir) {
 *         Path file = dir.resolve("w.duckdb");
 *         return new Database(Map.of("path", file.toString()), "main", () -> DriverManager.getConnection("jdbc:duckdb:" + file));
 *     }
 *     protected Hygge runtime() { return DuckDb.runtime(); }
 *     protected String storeType() { return "duckdb"; }
 *     protected boolean boundsStrings() { return false; }    // DuckDB ignores declared lengths
 * }
 * }</pre>
 *
 * <p>The data is small (tens to a few thousand rows) so a Store in process runs it in seconds.
 */
public abstract class TableStoreContract {
    private static final String TABLE = "t";
    private static final int OLD_ROWS = 20;
    private static final long OLD_FIRST_ID = 40;
    private static final int NEW_ROWS = 50;
    private static final String STATE_TABLE = StateSql.TABLE;

    @TempDir
    protected Path dir;
    private Database database;

    /**
     * One fresh database (or schema) for one test.
     *
     * @param options the Store options that reach it ({@code path}, {@code connection}), table keys aside
     * @param schema the schema the test's tables live in, as {@code information_schema} spells it
     * @param connections opens a connection to read the destination back
     * @param cleanup drops what the test wrote, run after it
     */
    public record Database(Map<String, Object> options, String schema, Connections connections, AutoCloseable cleanup) {
        public Database(Map<String, Object> options, String schema, Connections connections) {
            this(options, schema, connections, () -> { });
        }
    }

    /** Opens a JDBC connection to the destination. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** A fresh database or schema; {@code dir} is the test's own temporary folder. */
    protected abstract Database freshDatabase(Path dir) throws Exception;

    /** A runtime where {@link #storeType()} and every connection {@link Database#options()} names are registered. */
    protected abstract Hygge runtime();

    /** The Store's type name, as a flow's {@code to(type, options)} takes it. */
    protected abstract String storeType();

    /** Whether the Store declares string columns with a length ({@code VARCHAR(50)}), so values can overflow. */
    protected abstract boolean boundsStrings();

    @BeforeEach
    void openDatabase() throws Exception {
        database = freshDatabase(dir);
    }

    @AfterEach
    void closeDatabase() throws Exception {
        if (database != null) {
            database.cleanup().close();
        }
    }

    static Stream<Arguments> combinations() {
        return Arrays.stream(WriteStrategy.values()).flatMap(s -> Arrays.stream(IfExists.values()).map(i -> Arguments.of(s, i)));
    }

    static Stream<Arguments> stagedOverAnExistingTable() {
        return Stream.of(WriteStrategy.TEMP_SWAP, WriteStrategy.MERGE)
                .flatMap(s -> Stream.of(IfExists.APPEND, IfExists.REPLACE, IfExists.TRUNCATE).map(i -> Arguments.of(s, i)));
    }

    // ---- if_exists × write_strategy

    @ParameterizedTest(name = "{0} / {1} into an existing table")
    @MethodSource("combinations")
    void intoAnExistingTable(WriteStrategy strategy, IfExists ifExists) throws SQLException {
        ContractRows old = writeOldTable();
        ContractRows fresh = ContractRows.of("new", 0);
        Map<String, Object> options = options(strategy, ifExists);
        if (ifExists == IfExists.FAIL) {
            assertThatThrownBy(() -> write(options, home(fresh, NEW_ROWS))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("if_exists is fail");
            assertThat(rows()).isEqualTo(oldRows(old));
            assertNothingLeftBehind(TABLE);
            return;
        }
        write(options, home(fresh, NEW_ROWS));
        // replace makes the table anew; the others keep its definition, the old column with it
        boolean kept = ifExists != IfExists.REPLACE;
        List<List<Object>> expected = new ArrayList<>(ids(0, NEW_ROWS)
                .mapToObj(id -> kept ? withNull(fresh.row(id)) : fresh.row(id)).toList());
        if (ifExists == IfExists.APPEND) {
            // merge replaces the old rows whose id the source has again; the others append beside them
            ids(OLD_FIRST_ID, OLD_ROWS).filter(id -> strategy != WriteStrategy.MERGE || id >= NEW_ROWS)
                    .forEach(id -> expected.add(old.row(id)));
        }
        assertThat(columns()).isEqualTo(kept ? List.of("id", "name", "legacy") : List.of("id", "name"));
        assertThat(rows()).isEqualTo(sorted(expected));
        assertNothingLeftBehind(TABLE);
    }

    @ParameterizedTest(name = "{0} / {1} creates a missing table")
    @MethodSource("combinations")
    void intoAMissingTable(WriteStrategy strategy, IfExists ifExists) throws SQLException {
        ContractRows fresh = ContractRows.of("new", 0);
        write(options(strategy, ifExists), home(fresh, NEW_ROWS));
        assertThat(rows()).isEqualTo(ids(0, NEW_ROWS).mapToObj(fresh::row).toList());
        assertThat(columns()).containsExactly("id", "name");
        assertThat(nullable("id")).as("a source column that is never null").isFalse();
        assertNothingLeftBehind(TABLE);
    }

    @Test
    void twoStreamsLoadOneTable() throws SQLException {
        ContractRows fresh = ContractRows.of("new", 0);
        write(options(WriteStrategy.TEMP_SWAP, IfExists.APPEND), GeneratedHome.builder(fresh).rows(2_000).batchSize(100)
                .splits(4).build(), 2);
        assertThat(rows()).isEqualTo(ids(0, 2_000).mapToObj(fresh::row).toList());
        assertNothingLeftBehind(TABLE);
    }

    // ---- failure halfway

    @ParameterizedTest(name = "{0} / {1} failing halfway leaves the table as it was")
    @MethodSource("stagedOverAnExistingTable")
    void aStagedWriteFailingHalfwayChangesNothing(WriteStrategy strategy, IfExists ifExists) throws SQLException {
        ContractRows old = writeOldTable();
        assertThatThrownBy(() -> write(options(strategy, ifExists), failingHome()))
                .isInstanceOf(HyggeException.class).hasMessageContaining("generated failure at row 1500");
        assertThat(rows()).isEqualTo(oldRows(old));
        assertThat(columns()).containsExactly("id", "name", "legacy");
        assertNothingLeftBehind(TABLE);
    }

    @ParameterizedTest(name = "{0} failing halfway creates no table")
    @EnumSource(value = WriteStrategy.class, names = {"TEMP_SWAP", "MERGE"})
    void aStagedWriteFailingHalfwayCreatesNoTable(WriteStrategy strategy) throws SQLException {
        assertThatThrownBy(() -> write(options(strategy, IfExists.APPEND), failingHome()))
                .isInstanceOf(HyggeException.class).hasMessageContaining("generated failure at row 1500");
        assertNothingLeftBehind();
    }

    @Test
    void aDirectInsertFailingHalfwayKeepsOnlyWholeRows() throws SQLException {
        ContractRows old = writeOldTable();
        ContractRows fresh = ContractRows.of("new", 0);
        assertThatThrownBy(() -> write(options(WriteStrategy.DIRECT_INSERT, IfExists.APPEND), failingHome()))
                .isInstanceOf(HyggeException.class).hasMessageContaining("generated failure at row 1500");
        // direct_insert says so plainly: the statement that failed wrote nothing, earlier ones stay
        List<List<Object>> rows = rows();
        assertThat(rows).containsAll(oldRows(old)).hasSizeBetween(OLD_ROWS, OLD_ROWS + 1_500);
        assertThat(rows).allSatisfy(row -> assertThat(row).isIn(old.row(id(row)), withNull(fresh.row(id(row)))));
        assertNothingLeftBehind(TABLE);
    }

    // ---- a table another writer creates during the write (StagedApply.appeared)

    @ParameterizedTest(name = "{0}: a table created during the write gets the staged rows beside its own")
    @EnumSource(value = WriteStrategy.class, names = {"TEMP_SWAP", "MERGE"})
    void aTableCreatedDuringTheWriteGetsTheStagedRows(WriteStrategy strategy) throws SQLException {
        ContractRows fresh = ContractRows.of("new", 0);
        write(options(strategy, IfExists.APPEND), createdMidWrite(TAKES_THE_ROWS, true));
        List<List<Object>> expected = new ArrayList<>(ids(0, 2_000).mapToObj(id -> withNull(fresh.row(id))).toList());
        expected.add(List.of(OTHERS_ID, "other", "x"));
        assertThat(columns()).containsExactly("id", "name", "legacy");
        assertThat(rows()).isEqualTo(expected);
        assertNothingLeftBehind(TABLE);
    }

    @Test
    void aTableCreatedDuringTheWriteUnderFailIsLeftAsItsWriterMadeIt() throws SQLException {
        assertThatThrownBy(() -> write(options(WriteStrategy.TEMP_SWAP, IfExists.FAIL),
                createdMidWrite(TAKES_THE_ROWS, true)))
                .isInstanceOf(StoreException.class).hasMessageContaining("created by someone else during the write")
                .hasMessageContaining("if_exists is fail");
        assertThat(rows()).containsExactly(List.of(OTHERS_ID, "other", "x"));
        assertNothingLeftBehind(TABLE);
    }

    @Test
    void aTableCreatedDuringTheWriteWithColumnsTheRowsCannotTakeIsLeftAlone() throws SQLException {
        assertThatThrownBy(() -> write(options(WriteStrategy.TEMP_SWAP, IfExists.APPEND),
                createdMidWrite("id BIGINT NOT NULL, name BIGINT, legacy VARCHAR(200), required_one BIGINT NOT NULL", false)))
                .isInstanceOf(StoreException.class).hasMessageContaining("created by someone else during the write")
                .hasMessageContaining("column 'name' is").hasMessageContaining("NOT NULL column 'required_one' is missing")
                .hasMessageContaining("Nothing was changed");
        assertThat(columns()).containsExactly("id", "name", "legacy", "required_one");
        assertThat(query("SELECT count(*) FROM " + table()).get(0).get(0)).asString().isEqualTo("0");
        assertNothingLeftBehind(TABLE);
    }

    @Test
    void aTableCreatedDuringTheWriteUnderReplaceIsReplaced() throws SQLException {
        ContractRows fresh = ContractRows.of("new", 0);
        write(options(WriteStrategy.TEMP_SWAP, IfExists.REPLACE), createdMidWrite(TAKES_THE_ROWS, true));
        assertThat(columns()).containsExactly("id", "name");
        assertThat(rows()).isEqualTo(ids(0, 2_000).mapToObj(fresh::row).toList());
        assertNothingLeftBehind(TABLE);
    }

    private static final long OTHERS_ID = 5_000;
    private static final String TAKES_THE_ROWS = "id BIGINT NOT NULL, name VARCHAR(200), legacy VARCHAR(200)";

    /**
     * 2,000 new rows in batches of 100; when row 1,500 is read (the write under way, the table absent when it
     * began) another connection creates the table with {@code columns} and, where its columns allow, inserts
     * its own row {@code (5000, 'other', 'x')} when {@code withRow}.
     */
    private GeneratedHome createdMidWrite(String columns, boolean withRow) {
        return GeneratedHome.builder(ContractRows.of("new", 0)).rows(2_000).batchSize(100).atRow(1_500, () -> {
            try (Connection c = otherWriter(); java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + table() + " (" + columns + ")");
                if (withRow) {
                    st.execute("INSERT INTO " + table() + " (id, name, legacy) VALUES (" + OTHERS_ID + ", 'other', 'x')");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the other writer's DDL failed: " + e.getMessage(), e);
            }
        }).build();
    }

    // ---- schema evolution

    @ParameterizedTest(name = "{0}: a new source column is added to the table")
    @EnumSource(WriteStrategy.class)
    void aLaterRunAddsANewSourceColumn(WriteStrategy strategy) throws SQLException {
        ContractRows first = ContractRows.of("a", 0);
        ContractRows second = ContractRows.of("b", 20, "note");
        write(options(WriteStrategy.TEMP_SWAP, IfExists.APPEND), home(first, 20));
        write(options(strategy, IfExists.APPEND), home(second, 20));
        assertThat(columns()).containsExactly("id", "name", "note");
        List<List<Object>> expected = new ArrayList<>(ids(0, 20).mapToObj(id -> withNull(first.row(id))).toList());
        ids(20, 20).forEach(id -> expected.add(second.row(id)));
        assertThat(rows()).isEqualTo(expected);
        assertThat(nullable("note")).isTrue();
        assertNothingLeftBehind(TABLE);
    }

    // ---- overflow

    @Test
    void stringColumnsAreDeclaredAsTheStoreSays() throws SQLException {
        write(overflow(OnOverflow.FAIL, WriteStrategy.TEMP_SWAP, IfExists.APPEND), home(ContractRows.text(r -> 20), 10));
        Long length = maximumLength("text");
        if (boundsStrings()) {
            assertThat(length).as("declared length of text").isNotNull().isGreaterThanOrEqualTo(20);
        } else {
            assertThat(length).as("declared length of text").isNull();
        }
    }

    @ParameterizedTest(name = "{0}: a value wider than the inferred column, on_overflow fail")
    @EnumSource(WriteStrategy.class)
    void aWiderValueFailsNamingTheColumn(WriteStrategy strategy) throws SQLException {
        ContractRows growing = growing(20, 30, 70, 5);
        Map<String, Object> options = overflow(OnOverflow.FAIL, strategy, IfExists.APPEND);
        if (!boundsStrings()) {
            write(options, home(growing, 40));
            assertThat(rows()).isEqualTo(ids(0, 40).mapToObj(growing::row).toList());
            assertNothingLeftBehind(TABLE);
            return;
        }
        assertThatThrownBy(() -> write(options, home(growing, 40))).isInstanceOf(StoreException.class)
                .hasMessageContaining("column 'text'").hasMessageContaining("70 characters")
                .hasMessageContaining("on_overflow: widen");
        if (strategy == WriteStrategy.DIRECT_INSERT) {
            assertThat(rows()).hasSizeLessThan(40).allSatisfy(row -> assertThat(row).isEqualTo(growing.row(id(row))));
            assertNothingLeftBehind(TABLE);
        } else {
            assertNothingLeftBehind();
        }
    }

    @ParameterizedTest(name = "{0}: on_overflow widen keeps every value whole")
    @EnumSource(WriteStrategy.class)
    void widenKeepsEveryValueWhole(WriteStrategy strategy) throws SQLException {
        ContractRows growing = growing(20, 30, 70, 5);
        write(overflow(OnOverflow.WIDEN, strategy, IfExists.APPEND), home(growing, 40));
        assertThat(rows()).isEqualTo(ids(0, 40).mapToObj(growing::row).toList());

        // past every bounded length (the unbounded type), into the table that exists
        ContractRows wide = ContractRows.text(r -> 5_000);
        write(overflow(OnOverflow.WIDEN, strategy, IfExists.APPEND), home(wide, 5));
        List<List<Object>> expected = new ArrayList<>(ids(0, 40).mapToObj(growing::row).toList());
        if (strategy == WriteStrategy.MERGE) {
            expected.subList(0, 5).clear();
        }
        ids(0, 5).forEach(id -> expected.add(wide.row(id)));
        assertThat(rows()).isEqualTo(sorted(expected));
        assertNothingLeftBehind(TABLE);
    }

    @Test
    void appendingWiderValuesToATableFailsUnlessWidened() throws SQLException {
        ContractRows narrow = ContractRows.text(r -> 20);
        ContractRows wider = ContractRows.text(r -> 200);
        write(overflow(OnOverflow.FAIL, WriteStrategy.TEMP_SWAP, IfExists.APPEND), home(narrow, 10));
        Map<String, Object> appending = overflow(OnOverflow.FAIL, WriteStrategy.TEMP_SWAP, IfExists.APPEND);
        if (boundsStrings()) {
            assertThatThrownBy(() -> write(appending, home(wider, 10))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("column 'text'").hasMessageContaining("on_overflow: widen");
            assertThat(rows()).isEqualTo(ids(0, 10).mapToObj(narrow::row).toList());
            write(overflow(OnOverflow.WIDEN, WriteStrategy.TEMP_SWAP, IfExists.APPEND), home(wider, 10));
        } else {
            write(appending, home(wider, 10));
        }
        List<List<Object>> expected = new ArrayList<>(ids(0, 10).mapToObj(narrow::row).toList());
        ids(0, 10).forEach(id -> expected.add(wider.row(id)));
        assertThat(rows()).isEqualTo(sorted(expected));
        assertNothingLeftBehind(TABLE);
    }

    // ---- state committed with the data (incremental loads)

    static Stream<Arguments> incrementalOverAnExistingTable() {
        return Arrays.stream(WriteStrategy.values())
                .flatMap(s -> Stream.of(IfExists.REPLACE, IfExists.TRUNCATE).map(i -> Arguments.of(s, i)));
    }

    @Test
    void theStoreKeepsState() {
        try (Hygge hygge = runtime(); Store store = createStore(hygge, options(WriteStrategy.TEMP_SWAP, IfExists.APPEND))) {
            assertThat(hygge.plugins().store(storeType())).isInstanceOf(StoreFactory.KeepsState.class);
            assertThat(store).isInstanceOf(SupportsState.class);
        }
    }

    @ParameterizedTest(name = "{0}: the state is committed with the rows")
    @EnumSource(WriteStrategy.class)
    void stateIsCommittedWithTheData(WriteStrategy strategy) throws SQLException {
        Map<String, Object> options = options(strategy, IfExists.APPEND);
        assertThat(committedState(options, "watermark")).as("before the table exists").isEmpty();
        ContractRows first = ContractRows.of("a", 0);
        ContractRows second = ContractRows.of("b", 20);
        writeWithState(options, home(first, 20), Map.of("watermark", "19", "column", "id"), true);
        assertThat(rows()).isEqualTo(ids(0, 20).mapToObj(first::row).toList());
        assertThat(committedState(options, "watermark")).contains("19");

        writeWithState(options, home(second, 20), Map.of("watermark", "39"), true);
        List<List<Object>> expected = new ArrayList<>(ids(0, 20).mapToObj(first::row).toList());
        ids(20, 20).forEach(id -> expected.add(second.row(id)));
        assertThat(rows()).isEqualTo(expected);
        assertThat(committedState(options, "watermark")).contains("39");
        assertThat(committedState(options, "column")).as("a key the second write did not name").contains("id");
        assertNothingLeftBehind(TABLE, STATE_TABLE);
    }

    @ParameterizedTest(name = "{0} failing halfway leaves the old state and the old rows")
    @EnumSource(value = WriteStrategy.class, names = {"TEMP_SWAP", "MERGE"})
    void aFailedWriteLeavesTheOldStateAndTheOldRows(WriteStrategy strategy) throws SQLException {
        Map<String, Object> options = options(strategy, IfExists.APPEND);
        ContractRows first = ContractRows.of("a", 0);
        writeWithState(options, home(first, 20), Map.of("watermark", "19"), true);
        assertThatThrownBy(() -> writeWithState(options, failingHome(), Map.of("watermark", "1999"), true))
                .isInstanceOf(HyggeException.class).hasMessageContaining("generated failure at row 1500");
        assertThat(rows()).isEqualTo(ids(0, 20).mapToObj(first::row).toList());
        assertThat(committedState(options, "watermark")).contains("19");
        assertNothingLeftBehind(TABLE, STATE_TABLE);
    }

    /** The final transaction itself fails (a primary key the staged rows break), after it wrote the state row. */
    @Test
    void aCommitThatFailsLeavesTheOldStateAndTheOldRows() throws SQLException {
        execute("CREATE TABLE " + table() + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100))");
        Map<String, Object> options = options(WriteStrategy.TEMP_SWAP, IfExists.APPEND);
        ContractRows first = ContractRows.of("a", 0);
        writeWithState(options, home(first, 10), Map.of("watermark", "9"), true);
        ContractRows overlapping = ContractRows.of("b", 5);
        assertThatThrownBy(() -> writeWithState(options, home(overlapping, 10), Map.of("watermark", "14"), true))
                .isInstanceOf(StoreException.class).hasMessageContaining("the table and its state are as it was");
        assertThat(rows()).isEqualTo(ids(0, 10).mapToObj(first::row).toList());
        assertThat(committedState(options, "watermark")).contains("9");
        assertNothingLeftBehind(TABLE, STATE_TABLE);
    }

    @ParameterizedTest(name = "{0} / {1}: an incremental run adds its rows")
    @MethodSource("incrementalOverAnExistingTable")
    void anIncrementalRunNeverReplacesOrTruncates(WriteStrategy strategy, IfExists ifExists) throws SQLException {
        ContractRows old = writeOldTable();
        ContractRows fresh = ContractRows.of("new", 0);
        Map<String, Object> options = options(strategy, ifExists);
        writeWithState(options, home(fresh, NEW_ROWS), Map.of("watermark", "49"), true);
        List<List<Object>> expected = new ArrayList<>(ids(0, NEW_ROWS).mapToObj(id -> withNull(fresh.row(id))).toList());
        // merge stays a merge: the old rows whose id came again are replaced
        ids(OLD_FIRST_ID, OLD_ROWS).filter(id -> strategy != WriteStrategy.MERGE || id >= NEW_ROWS)
                .forEach(id -> expected.add(old.row(id)));
        assertThat(columns()).containsExactly("id", "name", "legacy");
        assertThat(rows()).isEqualTo(sorted(expected));
        assertThat(committedState(options, "watermark")).contains("49");
        assertNothingLeftBehind(TABLE, STATE_TABLE);
    }

    @Test
    void anIncrementalPlanSaysItAppends() throws SQLException {
        writeOldTable();
        try (Hygge hygge = runtime(); Store store = createStore(hygge, options(WriteStrategy.TEMP_SWAP, IfExists.REPLACE))) {
            WriteRequest request = new WriteRequest("contract", Optional.empty(), ContractRows.of("new", 0).schema(), 1,
                    List.of(), "plan", Duration.ZERO, true);
            String plan = ((SupportsWritePlan) store).planWrite(request).describe();
            assertThat(plan).contains("if_exists append (an incremental run adds its rows");
        }
        assertNothingLeftBehind(TABLE);
    }

    /** A full load that makes the table anew replaces its state: the old watermark described rows that are gone. */
    @Test
    void aFullReplaceReplacesTheState() throws SQLException {
        Map<String, Object> appending = options(WriteStrategy.TEMP_SWAP, IfExists.APPEND);
        writeWithState(appending, home(ContractRows.of("a", 0), 20), Map.of("watermark", "19"), true);
        write(options(WriteStrategy.TEMP_SWAP, IfExists.REPLACE), home(ContractRows.of("b", 0), 5));
        assertThat(committedState(appending, "watermark")).isEmpty();
        writeWithState(appending, home(ContractRows.of("c", 5), 5), Map.of("watermark", "9"), true);
        writeWithState(options(WriteStrategy.TEMP_SWAP, IfExists.TRUNCATE), home(ContractRows.of("d", 0), 5),
                Map.of("column", "id"), false);
        assertThat(committedState(appending, "watermark")).isEmpty();
        assertThat(committedState(appending, "column")).contains("id");
    }

    @Test
    void eachTableKeepsItsOwnStateAndNoneOnceDropped() throws SQLException {
        Map<String, Object> t = options(WriteStrategy.TEMP_SWAP, IfExists.APPEND);
        Map<String, Object> u = new HashMap<>(t);
        u.put("table", database.schema() + ".u");
        writeWithState(t, home(ContractRows.of("a", 0), 5), Map.of("watermark", "t4"), true);
        writeWithState(u, home(ContractRows.of("a", 0), 5), Map.of("watermark", "u4"), true);
        assertThat(committedState(t, "watermark")).contains("t4");
        assertThat(committedState(u, "watermark")).contains("u4");
        execute("DROP TABLE " + database.schema() + ".u");
        assertThat(committedState(u, "watermark")).as("the state of a table dropped since").isEmpty();
        assertThat(committedState(t, "watermark")).contains("t4");
        assertNothingLeftBehind(TABLE, STATE_TABLE);
    }

    @Test
    void aTableNamedAsTheStateTableIsRefused() throws SQLException {
        Map<String, Object> options = options(WriteStrategy.TEMP_SWAP, IfExists.APPEND);
        options.put("table", database.schema() + "." + STATE_TABLE);
        assertThatThrownBy(() -> write(options, home(ContractRows.of("a", 0), 5))).isInstanceOf(StoreException.class)
                .hasMessageContaining("keep incremental state");
        assertNothingLeftBehind();
    }

    /** Runs one flow whose write commits {@code state} ({@link StateKeepingStore}), incremental when asked. */
    protected final void writeWithState(Map<String, Object> options, Home home, Map<String, String> state,
                                        boolean incremental) {
        try (Hygge hygge = runtime()) {
            try (Store store = createStore(hygge, options)) {
                hygge.flow("contract").from(home).to(new StateKeepingStore(store, state, incremental)).run();
            } finally {
                assertThat(hygge.context().allocator().getAllocatedMemory())
                        .as("Arrow memory the flow still holds after it ended").isZero();
            }
        }
    }

    /** What the Store with {@code options} says is committed under {@code key} for the flow {@code contract}. */
    protected final Optional<String> committedState(Map<String, Object> options, String key) {
        try (Hygge hygge = runtime(); Store store = createStore(hygge, options)) {
            return ((SupportsState) store).committedState("contract", Optional.empty(), key);
        }
    }

    /** The Store with {@code options}, created as a flow creates it. */
    protected final Store createStore(Hygge hygge, Map<String, Object> options) {
        return create(hygge.plugins().store(storeType()), options, hygge);
    }

    private static <O> Store create(StoreFactory<O> factory, Map<String, Object> options, Hygge hygge) {
        return factory.create(Options.bind(options, factory.optionsType(), "contract Store"), hygge.context());
    }

    /**
     * A connection of another writer while a flow writes (it creates the flow's table under it): by default one
     * of {@link Database#connections()}; a database that one process opens once (DuckDB) gives one to the
     * instance the Store holds.
     */
    protected Connection otherWriter() throws SQLException {
        return database.connections().open();
    }

    /** Runs one statement on a new connection to the destination. */
    protected final void execute(String sql) throws SQLException {
        try (Connection c = database.connections().open(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // ---- writing and reading back

    /** The table as a flow names it: {@code schema.t}. */
    protected final String table() {
        return database.schema() + "." + TABLE;
    }

    /** Store options for {@code t} in the fresh database; merge gets {@code keys: [id]}. */
    protected final Map<String, Object> options(WriteStrategy strategy, IfExists ifExists) {
        Map<String, Object> options = new HashMap<>(database.options());
        options.put("table", table());
        options.put("write_strategy", strategy.name().toLowerCase(Locale.ROOT));
        options.put("if_exists", ifExists.name().toLowerCase(Locale.ROOT));
        if (strategy == WriteStrategy.MERGE) {
            options.put("keys", List.of("id"));
        }
        options.put("schema_inference", Map.of("sample_rows", 100));
        return options;
    }

    private Map<String, Object> overflow(OnOverflow onOverflow, WriteStrategy strategy, IfExists ifExists) {
        Map<String, Object> options = options(strategy, ifExists);
        options.put("on_overflow", onOverflow.name().toLowerCase(Locale.ROOT));
        options.put("schema_inference", Map.of("sample_rows", 10)); // the first batch decides the length
        return options;
    }

    /** Runs one flow from {@code home} into the Store with {@code options}. */
    protected final void write(Map<String, Object> options, Home home) {
        write(options, home, 1);
    }

    /** Runs one flow of {@code parallelism} streams; after it, success or not, the flow holds no Arrow memory. */
    protected final void write(Map<String, Object> options, Home home, int parallelism) {
        try (Hygge hygge = runtime()) {
            try {
                hygge.flow("contract").from(home).to(storeType(), options).parallelism(parallelism).run();
            } finally {
                // a failed flow reports its first error, not the leak closing its allocator found
                assertThat(hygge.context().allocator().getAllocatedMemory())
                        .as("Arrow memory the flow still holds after it ended").isZero();
            }
        }
    }

    private static GeneratedHome home(ContractRows rows, long count) {
        return GeneratedHome.builder(rows).rows(count).batchSize(10).build();
    }

    /** 2,000 new rows in batches of 100 whose source fails at row 1,500: well after the write began. */
    private static GeneratedHome failingHome() {
        return GeneratedHome.builder(ContractRows.of("new", 0)).rows(2_000).batchSize(100).failAtRow(1_500).build();
    }

    /** Batch {@code b} of ten rows holds strings of {@code widths[b]} characters. */
    private static ContractRows growing(int... widths) {
        return ContractRows.text(r -> widths[(int) (r / 10)]);
    }

    /** Writes the table the existing-table cases start from: ids 40..59, tagged old, with a column {@code legacy}. */
    private ContractRows writeOldTable() throws SQLException {
        ContractRows old = ContractRows.of("old", OLD_FIRST_ID, "legacy");
        write(options(WriteStrategy.TEMP_SWAP, IfExists.FAIL), home(old, OLD_ROWS));
        assertThat(rows()).isEqualTo(oldRows(old));
        return old;
    }

    private static List<List<Object>> oldRows(ContractRows old) {
        return ids(OLD_FIRST_ID, OLD_ROWS).mapToObj(old::row).toList();
    }

    private static LongStream ids(long first, long count) {
        return LongStream.range(first, first + count);
    }

    /** A row of the two base columns, as a table with {@code legacy} (or {@code note}) holds it. */
    private static List<Object> withNull(List<Object> row) {
        List<Object> padded = new ArrayList<>(row);
        padded.add(null);
        return padded;
    }

    private static long id(List<Object> row) {
        return (Long) row.get(0);
    }

    /** Rows as {@link #rows()} orders them: by id, then name. */
    private static List<List<Object>> sorted(List<List<Object>> rows) {
        return rows.stream().sorted(Comparator.<List<Object>>comparingLong(TableStoreContract::id)
                .thenComparing(r -> String.valueOf(r.get(1)))).toList();
    }

    /** Every row of the table, by id then name; integers as {@code Long}, text as {@code String}. */
    protected final List<List<Object>> rows() throws SQLException {
        List<String> columns = columns();
        List<List<Object>> rows = query("SELECT * FROM " + table() + " ORDER BY id, " + columns.get(1));
        rows.forEach(row -> row.set(0, ((Number) row.get(0)).longValue()));
        return rows;
    }

    /** The table's column names in order, lower case. */
    protected final List<String> columns() throws SQLException {
        return query("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position", database.schema(), TABLE).stream()
                .map(r -> r.get(0).toString().toLowerCase(Locale.ROOT)).toList();
    }

    private boolean nullable(String column) throws SQLException {
        return "YES".equalsIgnoreCase(query("SELECT is_nullable FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? AND column_name = ?", database.schema(), TABLE, column).get(0).get(0).toString());
    }

    /** {@code character_maximum_length} of a column: {@code null} when the type has none. */
    private Long maximumLength(String column) throws SQLException {
        Object length = query("SELECT character_maximum_length FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? AND column_name = ?", database.schema(), TABLE, column).get(0).get(0);
        return length == null ? null : ((Number) length).longValue();
    }

    /**
     * The schema holds exactly {@code tables}: no staging table ({@code hygge_stage_*}) and nothing
     * else a write made on the side.
     */
    protected final void assertNothingLeftBehind(String... tables) throws SQLException {
        Set<String> found = new TreeSet<>();
        query("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", database.schema())
                .forEach(r -> found.add(r.get(0).toString().toLowerCase(Locale.ROOT)));
        assertThat(found).as("tables in schema " + database.schema()).containsExactlyInAnyOrder(tables);
    }

    /** Runs a query on a new connection to the destination; every row as {@code getObject} values. */
    protected final List<List<Object>> query(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connections().open(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
