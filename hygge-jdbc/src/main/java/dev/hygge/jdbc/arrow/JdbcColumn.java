package dev.hygge.jdbc.arrow;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One result column as the driver describes it: what a {@link ColumnConverter} decides on.
 *
 * <pre>{@code
 * JdbcColumn c = JdbcColumn.of(resultSet.getMetaData(), 3);
 * if (c.isNamed("datetimeoffset")) { ... }            // the database's own type name, any case
 * new JdbcColumn(1, "seen", Types.TIMESTAMP, "datetime2", 27, 7, true);   // in tests
 * }</pre>
 *
 * @param index 1-based position in the result set
 * @param name the column's label; {@code column<index>} where the driver gives none
 * @param jdbcType {@link java.sql.Types} or a driver's own code ({@code ResultSetMetaData.getColumnType})
 * @param typeName the database's type name ({@code nvarchar}, {@code money}); empty when unknown
 * @param precision characters or bytes for strings and binaries, digits for numbers
 * @param scale digits after the point; fractional-second digits for temporal types
 * @param nullable false only when the driver says the column has no nulls
 */
public record JdbcColumn(int index, String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
    public JdbcColumn {
        if (index < 1) {
            throw new IllegalArgumentException("index is 1-based: " + index);
        }
        name = name == null || name.isEmpty() ? "column" + index : name;
        typeName = typeName == null ? "" : typeName;
    }

    /** Column {@code index} of a result set. */
    public static JdbcColumn of(ResultSetMetaData metadata, int index) throws SQLException {
        return new JdbcColumn(index, metadata.getColumnLabel(index), metadata.getColumnType(index),
                metadata.getColumnTypeName(index), metadata.getPrecision(index), metadata.getScale(index),
                metadata.isNullable(index) != ResultSetMetaData.columnNoNulls);
    }

    /** Whether the database's type name is one of {@code names}, ignoring case. */
    /**
     * The column of a result named {@code name}: the one spelled exactly so, else the first that matches ignoring
     * case (as the servers' default collations match identifiers); empty when none does.
     */
    public static java.util.Optional<JdbcColumn> find(ResultSetMetaData metadata, String name) throws SQLException {
        JdbcColumn loose = null;
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            JdbcColumn column = of(metadata, i);
            if (column.name().equals(name)) {
                return java.util.Optional.of(column);
            }
            if (loose == null && column.name().equalsIgnoreCase(name)) {
                loose = column;
            }
        }
        return java.util.Optional.ofNullable(loose);
    }

    public boolean isNamed(String... names) {
        String own = typeName.toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (own.equals(n.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the JDBC type is one of {@code types}. */
    public boolean isJdbcType(int... types) {
        for (int t : types) {
            if (jdbcType == t) {
                return true;
            }
        }
        return false;
    }
}
