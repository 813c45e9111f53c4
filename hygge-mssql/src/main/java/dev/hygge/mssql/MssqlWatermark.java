package dev.hygge.mssql;

import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.home.BoundValue;
import dev.hygge.spi.Watermark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A watermark bound as a parameter of its column's SQL Server type, so the comparison is the
 * column's own and no conversion is forced on the column (which would also lose an index seek):
 *
 * <table>
 *   <tr><th>column</th><th>bound as</th></tr>
 *   <tr><td>{@code bigint}, {@code int}, {@code smallint}, {@code tinyint}</td><td>{@code Long}, as the column's JDBC type</td></tr>
 *   <tr><td>{@code decimal(p,s)}, {@code numeric}, {@code money}</td><td>{@code BigDecimal} at the column's scale</td></tr>
 *   <tr><td>{@code date}</td><td>{@code LocalDate}</td></tr>
 *   <tr><td>{@code datetime2(n)}</td><td>{@code LocalDateTime} to the 100 ns (the driver sends {@code datetime2})</td></tr>
 *   <tr><td>{@code datetime}, {@code smalldatetime}</td><td>{@code Timestamp} as {@code microsoft.sql.Types.DATETIME}/{@code SMALLDATETIME}:
 *       compared as {@code datetime2}, a {@code datetime}'s 1/300 s (.003 s read as .003) would be below the column's
 *       own value (.00333…) and the last row read again</td></tr>
 *   <tr><td>{@code datetimeoffset(n)}</td><td>{@code microsoft.sql.DateTimeOffset} at offset +00:00: the instant the
 *       column held (SQL Server compares datetimeoffset values by their UTC instant; the Arrow read keeps the
 *       instant, not the offset)</td></tr>
 *   <tr><td>{@code nvarchar}, {@code nchar}</td><td>{@code setNString}</td></tr>
 *   <tr><td>{@code varchar}, {@code char}</td><td>{@code String} as {@code VARCHAR}</td></tr>
 * </table>
 *
 * <p>Other drivers' standard types (H2 in the tests) get the standard JDBC value
 * ({@link WatermarkPredicate#value}). Serializable, so a split carries it.
 *
 * <pre>{@code
 * MssqlWatermark bound = MssqlWatermark.of(column, watermark);
 * bound.bind(statement, 1);
 * }</pre>
 *
 * @param watermark the value
 * @param typeName the column's SQL Server type name, as the driver reports it
 * @param jdbcType the column's JDBC type code
 * @param scale the column's scale (decimal digits, fractional-second digits)
 */
record MssqlWatermark(Watermark watermark, String typeName, int jdbcType, int scale) implements BoundValue {
    private static final long serialVersionUID = 1L;

    static MssqlWatermark of(JdbcColumn column, Watermark watermark) {
        return new MssqlWatermark(watermark, column.typeName(), column.jdbcType(), column.scale());
    }

    /** Binds the watermark to parameter {@code index} of {@code statement}. */
    @Override
    public void bind(PreparedStatement statement, int index) throws SQLException {
        String type = typeName.toLowerCase(java.util.Locale.ROOT);
        Object value = watermark.value();
        switch (watermark.kind()) {
            case INTEGER -> {
                BigInteger integer = (BigInteger) value;
                if (integer.bitLength() < 64 && isInteger(jdbcType)) {
                    statement.setObject(index, integer.longValueExact(), jdbcType);
                } else {
                    statement.setObject(index, new BigDecimal(integer), Types.DECIMAL, 0);
                }
            }
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                int at = Math.max(scale, 0);
                statement.setObject(index, decimal.scale() <= at ? decimal.setScale(at, RoundingMode.UNNECESSARY) : decimal,
                        Types.DECIMAL, Math.max(at, decimal.scale()));
            }
            case DATE -> statement.setObject(index, value, Types.DATE);
            case TIMESTAMP -> {
                LocalDateTime wall = (LocalDateTime) value;
                switch (type) {
                    case "datetime" -> statement.setObject(index, Timestamp.valueOf(wall), microsoft.sql.Types.DATETIME);
                    case "smalldatetime" -> statement.setObject(index, Timestamp.valueOf(wall), microsoft.sql.Types.SMALLDATETIME);
                    default -> statement.setObject(index, wall, Types.TIMESTAMP);
                }
            }
            case INSTANT -> {
                Instant instant = (Instant) value;
                if (type.equals("datetimeoffset") || jdbcType == microsoft.sql.Types.DATETIMEOFFSET) {
                    statement.setObject(index, microsoft.sql.DateTimeOffset.valueOf(Timestamp.from(instant), 0),
                            microsoft.sql.Types.DATETIMEOFFSET);
                } else {
                    statement.setObject(index, instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                }
            }
            case STRING -> {
                if (type.startsWith("n") || jdbcType == Types.NVARCHAR || jdbcType == Types.NCHAR) {
                    statement.setNString(index, (String) value);
                } else if (type.equals("varchar") || type.equals("char")) {
                    statement.setObject(index, value, Types.VARCHAR);
                } else {
                    statement.setString(index, (String) value);
                }
            }
        }
    }

    private static boolean isInteger(int jdbcType) {
        return jdbcType == Types.BIGINT || jdbcType == Types.INTEGER || jdbcType == Types.SMALLINT || jdbcType == Types.TINYINT;
    }

    @Override
    public String toString() {
        return typeName + " " + watermark.text();
    }
}
