package dev.hygge.parquet;

import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.HomeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import java.util.function.Consumer;

/**
 * What {@code on_bad_row} does with the CSV rows DuckDB's reader could not read, once a file is
 * read to its end: DuckDB ({@code store_rejects = true}) leaves them out of the rows and lists them in
 * its {@code reject_errors} table (line, column, reason, the line's text), per connection.
 *
 * <ul>
 *   <li>{@code fail}: the read fails naming the file, the line, the column and the reason of the first bad rows,
 *       so the write aborts and nothing lands;</li>
 *   <li>{@code skip}: the count and the first bad rows are a warning of the flow
 *       ({@code HyggeContext.warn}: in its result, the CLI's WARN count, the run record and the journal);</li>
 *   <li>{@code file}: as skip, and every bad row goes to {@code <rejects folder>/<file>.rejects.csv}
 *       (columns file, line, column, error, message, text), written whole then renamed into place.</li>
 * </ul>
 */
final class BadRows extends ForwardingReader {
    /** Bad rows named in a message. */
    private static final int SHOWN = 5;

    private final DuckDBConnection connection;
    private final Path file;
    private final OnBadRow onBadRow;
    private final Path rejectsFile;
    private final Consumer<String> warnings;
    private boolean checked;

    /**
     * @param rejectsFile where {@code on_bad_row: file} writes the bad rows of {@code file}
     * @param warnings told the rows skipped
     */
    BadRows(BufferAllocator allocator, ArrowReader source, DuckDBConnection connection, Path file, OnBadRow onBadRow,
            Path rejectsFile, Consumer<String> warnings) {
        super(allocator, source);
        this.warnings = warnings;
        this.connection = connection;
        this.file = file;
        this.onBadRow = onBadRow;
        this.rejectsFile = rejectsFile;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (super.loadNextBatch()) {
            return true;
        }
        if (!checked) {
            checked = true;
            check();
        }
        return false;
    }

    private record Bad(long line, String column, String message, String text) {
        String describe() {
            return "line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + message
                    + (text == null ? "" : " (the line: " + abbreviate(text) + ")");
        }
    }

    private void check() {
        List<Bad> first = new ArrayList<>();
        long lines;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet count = statement.executeQuery("SELECT count(DISTINCT line) FROM reject_errors")) {
                count.next();
                lines = count.getLong(1);
            }
            if (lines == 0) {
                return;
            }
            try (ResultSet rows = statement.executeQuery("SELECT line, column_name, error_message, csv_line FROM reject_errors"
                    + " ORDER BY line, column_idx LIMIT " + SHOWN)) {
                while (rows.next()) {
                    first.add(new Bad(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new HomeException("CSV file " + file + ": the rows DuckDB could not read cannot be listed: " + e.getMessage(), e);
        }
        String listed = String.join("; ", first.stream().map(Bad::describe).toList());
        switch (onBadRow) {
            case FAIL -> throw new HomeException("CSV file " + file + " has " + lines + " bad row(s): " + listed
                    + ". Fix the file, set format_options.types for the column (e.g. {" + columnOf(first) + ": VARCHAR}),"
                    + " or set on_bad_row: skip | file to leave such rows out");
            case SKIP -> warnings.accept("CSV file " + file + ": " + lines + " bad row(s) skipped (on_bad_row: skip): " + listed);
            case FILE -> {
                Path target = write();
                warnings.accept("CSV file " + file + ": " + lines + " bad row(s) skipped and written to " + target
                        + " (on_bad_row: file): " + listed);
            }
        }
    }

    /** Writes every bad row to the rejects file of {@link #file}: to a hidden name first, then renamed. */
    private Path write() {
        Path target = rejectsFile;
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try (Statement statement = connection.createStatement()) {
            Files.createDirectories(target.getParent());
            statement.execute("COPY (SELECT " + DuckDb.literal(file.toString()) + " AS file, line, column_name AS \"column\","
                    + " lower(error_type::VARCHAR) AS error, error_message AS message, csv_line AS text FROM reject_errors"
                    + " ORDER BY line, column_idx) TO " + DuckDb.literal(partial.toString()) + " (FORMAT csv, HEADER)");
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (SQLException | IOException e) {
            throw new HomeException("CSV file " + file + ": writing its bad rows to " + target + " failed: " + e.getMessage()
                    + "; set rejects_path to a folder that can be written", e);
        }
    }

    private static String columnOf(List<Bad> bad) {
        return bad.stream().map(Bad::column).filter(c -> c != null).findFirst().orElse("column");
    }

    private static String abbreviate(String text) {
        String line = text.replace("\n", "\\n").replace("\r", "\\r");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
