package dev.hygge.parquet;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.JournalEntry;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The journal file's 18 columns, in the original hygge's order and types (its Polars schema: every
 * column {@code Utf8} but {@code row_count Int64} and {@code duration Float64}), as DuckDB names
 * them; and the mapping between a row and a {@link JournalEntry}. A file is a journal when it has
 * every column with a type that reads as the original's; extra columns (a later schema of the
 * original) are kept when the file is rewritten.
 */
final class JournalColumns {
    static final String VARCHAR = "VARCHAR";
    static final String BIGINT = "BIGINT";
    static final String DOUBLE = "DOUBLE";

    /** Column name to DuckDB type, in the file's order. */
    static final Map<String, String> TYPES = types();

    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT",
            "UINTEGER");
    private static final Set<String> FLOATS = Set.of("FLOAT", "DOUBLE");

    /** Columns (1-based) every run has: entity_run_id, flow, entity, start_time, status, run_type, schema_version. */
    private static final int[] REQUIRED = {1, 5, 6, 7, 9, 10, 18};

    private JournalColumns() {}

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        for (String name : List.of("entity_run_id", "coordinator_run_id", "flow_run_id", "coordinator", "flow", "entity",
                "start_time", "finish_time", "status", "run_type")) {
            types.put(name, VARCHAR);
        }
        types.put("row_count", BIGINT);
        types.put("duration", DOUBLE);
        for (String name : List.of("primary_key", "watermark_column", "watermark_type", "watermark", "message", "schema_version")) {
            types.put(name, VARCHAR);
        }
        return java.util.Collections.unmodifiableMap(types);
    }

    /** {@code "entity_run_id" VARCHAR, ...} for a CREATE TABLE. */
    static String definitions() {
        return TYPES.entrySet().stream().map(e -> DuckDb.identifier(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code CAST("row_count" AS BIGINT) AS "row_count", ...}: the original's types, whatever the file held. */
    static String casts() {
        return TYPES.entrySet().stream()
                .map(e -> "CAST(" + DuckDb.identifier(e.getKey()) + " AS " + e.getValue() + ") AS " + DuckDb.identifier(e.getKey()))
                .collect(Collectors.joining(", "));
    }

    /**
     * Checks a file's columns ({@code name -> DuckDB type}, as DESCRIBE gives them).
     *
     * @throws ConfigException naming the file, the column and what to do, when it is not a journal
     */
    static void check(Path file, Map<String, String> found) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> column : TYPES.entrySet()) {
            String type = found.get(column.getKey());
            if (type == null) {
                problems.add("it has no column '" + column.getKey() + "'");
            } else if (!fits(column.getValue(), type.toUpperCase(Locale.ROOT))) {
                problems.add("its column '" + column.getKey() + "' is " + type + ", a journal's is " + column.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Journal " + file + " is not a hygge run journal: " + String.join(", ", problems)
                    + " (columns found: " + String.join(", ", found.keySet()) + "). Point journal.path at the journal.parquet"
                    + " hygge wrote, or move this file away to start a new journal");
        }
    }

    private static boolean fits(String wanted, String type) {
        return switch (wanted) {
            case VARCHAR -> type.equals(VARCHAR) || type.equals("\"NULL\"") || type.equals("NULL");
            case BIGINT -> INTEGERS.contains(type) || type.equals("\"NULL\"") || type.equals("NULL");
            default -> FLOATS.contains(type) || INTEGERS.contains(type) || type.startsWith("DECIMAL") || type.equals("NULL")
                    || type.equals("\"NULL\"");
        };
    }

    /**
     * The entry of the current row of {@code rows}, which selects the 18 columns first.
     *
     * @throws ConfigException naming the file and the column when a column every run has is empty
     */
    static JournalEntry read(ResultSet rows, Path file) throws SQLException {
        for (int column : REQUIRED) {
            if (rows.getString(column) == null) {
                throw new ConfigException("Journal " + file + " has a run without " + List.copyOf(TYPES.keySet()).get(column - 1)
                        + " (entity_run_id " + rows.getString(1) + "), which every run has; remove that row, or move the file away"
                        + " to start a new journal");
            }
        }
        long rowCount = rows.getLong(11);
        Long count = rows.wasNull() ? null : rowCount;
        double seconds = rows.getDouble(12);
        Double duration = rows.wasNull() ? null : seconds;
        return new JournalEntry(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10), count,
                duration, rows.getString(13), rows.getString(14), rows.getString(15), rows.getString(16), rows.getString(17),
                rows.getString(18));
    }

    /** Binds {@code entry} to parameters 1 to 18 of {@code insert}, in the columns' order. */
    static void bind(PreparedStatement insert, JournalEntry entry) throws SQLException {
        String[] before = {entry.entityRunId(), entry.coordinatorRunId(), entry.flowRunId(), entry.coordinator(), entry.flow(),
            entry.entity(), entry.startTime(), entry.finishTime(), entry.status(), entry.runType()};
        for (int i = 0; i < before.length; i++) {
            setText(insert, i + 1, before[i]);
        }
        if (entry.rowCount() == null) {
            insert.setNull(11, Types.BIGINT);
        } else {
            insert.setLong(11, entry.rowCount());
        }
        if (entry.duration() == null) {
            insert.setNull(12, Types.DOUBLE);
        } else {
            insert.setDouble(12, entry.duration());
        }
        String[] after = {entry.primaryKey(), entry.watermarkColumn(), entry.watermarkType(), entry.watermark(), entry.message(),
            entry.schemaVersion()};
        for (int i = 0; i < after.length; i++) {
            setText(insert, i + 13, after[i]);
        }
    }

    private static void setText(PreparedStatement insert, int index, String value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.VARCHAR);
        } else {
            insert.setString(index, value);
        }
    }
}
