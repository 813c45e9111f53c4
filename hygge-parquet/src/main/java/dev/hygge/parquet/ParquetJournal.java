package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.RunJournal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;

/**
 * The run journal as the original hygge keeps it: one parquet file, {@code journal.parquet}, one
 * row per entity run in the original's 18 columns ({@link JournalColumns}), so a journal the
 * original wrote is read and continued here, and one written here is read by the original.
 *
 * <pre>{@code
 * RunJournal journal = ParquetJournal.open(Path.of("lake/.hygge_journal/journal.parquet"));
 * journal.record(entry);
 * Optional<JournalEntry> last = journal.lastWatermark("users_flow", "users");
 * }</pre>
 *
 * <p>A parquet file cannot be appended to, so a record rewrites it: under a lock on
 * {@code journal.parquet.lock} beside it (a {@link DestinationLock}: threads of this JVM and other
 * processes queue there, so two runs recording at once never lose each other's rows), the current
 * file and the new rows are written to a new file beside it, which is fsynced and renamed over the
 * old one (then the folder is fsynced). A crash at any moment leaves the old file or the new one,
 * never a cut one; the new file a crashed writer left behind is removed by the next record. Readers
 * take no lock: the rename is atomic. The original writes without a lock, so one of its runs
 * recording at the same moment as one of ours can still lose a row: point the two at one journal
 * one after the other, not at once.
 *
 * <p>The file stays small: each record keeps the last {@code keepRuns} runs of every flow/entity
 * (default {@value #DEFAULT_KEEP_RUNS}), and always the latest successful run with a watermark, which
 * the next incremental run starts from however many runs failed since.
 */
public final class ParquetJournal implements RunJournal {
    /** Runs kept per flow/entity, as the original's users keep a few months of nightly runs. */
    public static final int DEFAULT_KEEP_RUNS = 100;
    /** How long a record waits for another writer of the same journal. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

    static final String PENDING = ".hygge-tmp-";

    private final Path file;
    private final int keepRuns;
    private final Duration lockWait;

    private ParquetJournal(Path file, int keepRuns, Duration lockWait) {
        this.file = file;
        this.keepRuns = keepRuns;
        this.lockWait = lockWait;
    }

    /** The journal in {@code file}, keeping {@value #DEFAULT_KEEP_RUNS} runs per flow/entity. */
    public static ParquetJournal open(Path file) {
        return open(file, DEFAULT_KEEP_RUNS, DEFAULT_LOCK_WAIT);
    }

    /**
     * The journal in {@code file} (created on the first record), keeping the last {@code keepRuns}
     * runs per flow/entity, a record waiting up to {@code lockWait} for another writer.
     *
     * @throws ConfigException when the file exists and is not a journal
     */
    public static ParquetJournal open(Path file, int keepRuns, Duration lockWait) {
        requireNonNull(file, "file is null");
        requireNonNull(lockWait, "lockWait is null");
        if (keepRuns < 1) {
            throw new IllegalArgumentException("keepRuns must be at least 1, was " + keepRuns);
        }
        ParquetJournal journal = new ParquetJournal(file.toAbsolutePath().normalize(), keepRuns, lockWait);
        if (Files.exists(journal.file)) {
            try (DuckDb duckdb = DuckDb.open(1, "256MB"); DuckDBConnection connection = duckdb.connect()) {
                journal.check(connection);
            } catch (SQLException e) {
                throw journal.unreadable(e);
            }
        }
        return journal;
    }

    /** The journal's file. */
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "journal " + file;
    }

    @Override
    public void record(JournalEntry entry) {
        record(List.of(requireNonNull(entry, "entry is null")));
    }

    /** Adds {@code entries} in one rewrite, in their order; durable when this returns. */
    public void record(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JournalEntry first = entries.get(0);
        String run = first.coordinatorRunId() != null ? first.coordinatorRunId() : first.entityRunId();
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (DestinationLock lock = DestinationLock.acquire(describe(), lockFile, new DestinationLock.Holder(run, first.flow()),
                lockWait)) {
            removeLeftovers();
            Path pending = file.resolveSibling(file.getFileName() + PENDING + UUID.randomUUID());
            try {
                write(pending, entries);
                try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
                CommitJournal.forceFolder(file.getParent());
            } catch (IOException e) {
                throw new HyggeException("Cannot record " + entries.size() + " run(s) in " + describe() + ": " + e
                        + "; check that its folder can be written", e);
            } finally {
                deleteQuietly(pending);
            }
        }
    }

    @Override
    public List<JournalEntry> entries(String flow, String entity) {
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        return select(" WHERE flow = ? AND entity = ?", flow, entity);
    }

    @Override
    public List<JournalEntry> entries() {
        return select("");
    }

    private List<JournalEntry> select(String where, String... parameters) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (DuckDb duckdb = DuckDb.open(1, "256MB"); DuckDBConnection connection = duckdb.connect()) {
            check(connection);
            String sql = "SELECT " + JournalColumns.casts() + " FROM read_parquet(" + DuckDb.fileLiteral(file.toString())
                    + ", file_row_number = true)" + where + " ORDER BY file_row_number";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    query.setString(i + 1, parameters[i]);
                }
                List<JournalEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(JournalColumns.read(rows, file));
                    }
                }
                return Collections.unmodifiableList(entries);
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Writes the current rows, then {@code entries}, compacted, to {@code pending}. */
    private void write(Path pending, List<JournalEntry> entries) throws IOException {
        boolean exists = Files.exists(file);
        try (DuckDb duckdb = DuckDb.open(1, "256MB"); DuckDBConnection connection = duckdb.connect()) {
            if (exists) {
                check(connection);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE incoming (" + JournalColumns.definitions() + ", _hygge_pos BIGINT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incoming VALUES (" + "?, ".repeat(18) + "?)")) {
                for (int i = 0; i < entries.size(); i++) {
                    JournalColumns.bind(insert, entries.get(i));
                    insert.setLong(19, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            String current = exists ? "SELECT * EXCLUDE (file_row_number), 0 AS _hygge_src, file_row_number AS _hygge_pos FROM read_parquet("
                    + DuckDb.fileLiteral(file.toString()) + ", file_row_number = true) UNION ALL BY NAME " : "";
            String watermarked = "(status = 'success' AND watermark IS NOT NULL)";
            String newestFirst = "ORDER BY _hygge_src DESC, _hygge_pos DESC";
            String sql = "COPY (WITH all_rows AS (" + current + "SELECT *, 1 AS _hygge_src FROM incoming), "
                    + "ranked AS (SELECT *, row_number() OVER (PARTITION BY flow, entity " + newestFirst + ") AS _hygge_age, "
                    + watermarked + " AS _hygge_wm, row_number() OVER (PARTITION BY flow, entity, " + watermarked + " " + newestFirst
                    + ") AS _hygge_wm_age FROM all_rows) "
                    + "SELECT * EXCLUDE (_hygge_src, _hygge_pos, _hygge_age, _hygge_wm, _hygge_wm_age) REPLACE ("
                    + JournalColumns.casts() + ") FROM ranked WHERE _hygge_age <= " + keepRuns
                    + " OR (_hygge_wm AND _hygge_wm_age = 1) ORDER BY _hygge_src, _hygge_pos) TO "
                    + DuckDb.literal(pending.toString()) + " (FORMAT parquet, COMPRESSION zstd)";
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IOException("DuckDB could not write " + pending.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Checks the file's columns; ConfigException when it is not a journal. */
    private void check(DuckDBConnection connection) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + DuckDb.fileLiteral(file.toString()) + ")")) {
            while (rows.next()) {
                columns.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        JournalColumns.check(file, columns);
    }

    private ConfigException unreadable(Exception e) {
        return new ConfigException("Journal " + file + " cannot be read as a hygge run journal: " + e.getMessage()
                + ". Point journal.path at the journal.parquet hygge wrote, or move this file away to start a new journal", e);
    }

    /** Removes the new files of writers that died before their rename: under the lock, no live writer has one. */
    private void removeLeftovers() {
        String prefix = file.getFileName() + PENDING;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent())) {
            for (Path sibling : siblings) {
                if (sibling.getFileName().toString().startsWith(prefix)) {
                    deleteQuietly(sibling);
                }
            }
        } catch (IOException e) {
            // nothing to clean yet (no folder), or not listable: the record itself will say
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // removed by the next record
        }
    }

    @Override
    public String toString() {
        return "ParquetJournal[" + file + ", keep " + keepRuns + " runs]";
    }
}
