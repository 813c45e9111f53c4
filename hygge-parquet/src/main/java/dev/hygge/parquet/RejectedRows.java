package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.HomeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What {@code on_bad_row} does with the CSV rows DuckDB's reader could not read, once they are
 * read: DuckDB ({@code store_rejects = true}) leaves them out of the rows and lists them in a
 * rejects table of the connection that read them (file, line, column, reason, the line's text),
 * the files numbered as the read listed them. The Arrow read checks its file's table once it is
 * read to its end ({@link BadRows}); an in-engine copy checks its relation's own table once the
 * Store loaded it ({@link TextHome#relation}). A line is counted once however many scans of the
 * connection met it (a Store may read a relation's first rows before it copies them), and a file's
 * skipped rows are told once.
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
final class RejectedRows {
    /** Bad rows named in a message. */
    private static final int SHOWN = 5;

    private final OnBadRow onBadRow;
    private final Function<Path, Path> rejectsFile;
    private final Consumer<String> warnings;
    /** The files whose skipped rows were told: each once. */
    private final java.util.Set<Path> told = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param rejectsFile where {@code on_bad_row: file} writes the bad rows of a file
     * @param warnings told the rows skipped
     */
    RejectedRows(OnBadRow onBadRow, Function<Path, Path> rejectsFile, Consumer<String> warnings) {
        this.onBadRow = requireNonNull(onBadRow, "onBadRow is null");
        this.rejectsFile = requireNonNull(rejectsFile, "rejectsFile is null");
        this.warnings = requireNonNull(warnings, "warnings is null");
    }

    private record Bad(long line, String column, String message, String text) {
        String describe() {
            return "line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + message
                    + (text == null ? "" : " (the line: " + abbreviate(text) + ")");
        }
    }

    /** Does what {@code on_bad_row} says with the rows of {@code files} listed in {@code errors}, file by file. */
    void check(Connection connection, String errors, List<Path> files) {
        Map<Integer, Long> lines = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet counts = statement.executeQuery("SELECT file_id, count(DISTINCT line) FROM " + errors
                     + " GROUP BY file_id ORDER BY file_id")) {
            while (counts.next()) {
                lines.put(counts.getInt(1), counts.getLong(2));
            }
        } catch (SQLException e) {
            throw new HomeException("CSV file " + files.get(0) + (files.size() > 1 ? " and others" : "")
                    + ": the rows DuckDB could not read cannot be listed: " + e.getMessage(), e);
        }
        lines.forEach((id, count) -> check(connection, errors, id, files.get(id), count));
    }

    private void check(Connection connection, String errors, int id, Path file, long lines) {
        List<Bad> first = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT line, column_name, error_message, csv_line, column_idx FROM "
                     + errors + " WHERE file_id = " + id + " ORDER BY line, column_idx LIMIT " + SHOWN)) {
            while (rows.next()) {
                first.add(new Bad(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        } catch (SQLException e) {
            throw new HomeException("CSV file " + file + ": the rows DuckDB could not read cannot be listed: " + e.getMessage(), e);
        }
        String listed = String.join("; ", first.stream().map(Bad::describe).toList());
        if (onBadRow != OnBadRow.FAIL && !told.add(file)) {
            return;       // told already: the sample a Store reads before an in-engine copy read this file to its end
        }
        switch (onBadRow) {
            case FAIL -> throw new HomeException("CSV file " + file + " has " + lines + " bad row(s): " + listed
                    + ". Fix the file, set format_options.types for the column (e.g. {" + columnOf(first) + ": VARCHAR}),"
                    + " or set on_bad_row: skip | file to leave such rows out");
            case SKIP -> warnings.accept("CSV file " + file + ": " + lines + " bad row(s) skipped (on_bad_row: skip): " + listed);
            case FILE -> {
                Path target = write(connection, errors, id, file);
                warnings.accept("CSV file " + file + ": " + lines + " bad row(s) skipped and written to " + target
                        + " (on_bad_row: file): " + listed);
            }
        }
    }

    /** Writes every bad row of {@code file} to its rejects file: to a hidden name first, then renamed. */
    private Path write(Connection connection, String errors, int id, Path file) {
        Path target = rejectsFile.apply(file);
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try (Statement statement = connection.createStatement()) {
            Files.createDirectories(target.getParent());
            statement.execute("COPY (SELECT file, line, \"column\", error, message, text FROM (SELECT DISTINCT "
                    + DuckDb.literal(file.toString()) + " AS file, line, column_name AS \"column\","
                    + " lower(error_type::VARCHAR) AS error, error_message AS message, csv_line AS text, column_idx FROM " + errors
                    + " WHERE file_id = " + id + ") ORDER BY line, column_idx) TO " + DuckDb.literal(partial.toString())
                    + " (FORMAT csv, HEADER)");
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
