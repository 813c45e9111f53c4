package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * An incremental read of parquet files: the condition inside DuckDB's scan
 * ({@code read_parquet(...) WHERE "col" > ?}, which DuckDB prunes row groups by), and what hygge
 * itself skips before a split is made: row groups whose footer statistics say no row is greater
 * than the watermark, and hive folders whose value is not.
 *
 * <p>The watermark is a bound parameter of the column's type, as DuckDB's driver holds it
 * ({@code Long}/{@code BigInteger}, {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime} at UTC, {@code String}); a {@code TIMESTAMP_NS} column's as text inside
 * {@code CAST(? AS TIMESTAMP_NS)}, since the driver (1.4.4 and 1.5.6) cuts a bound {@code LocalDateTime} to
 * microseconds. (hygge-duckdb's Home binds the same way; plugins share no code but core's.)
 *
 * <pre>{@code
 * ParquetWatermark w = ParquetWatermark.of(field, "TIMESTAMP", filter, false, "parquet landing/orders");
 * w.scanCondition();    // Optional["updated_at" > ?]
 * }</pre>
 */
final class ParquetWatermark {
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");

    private final String column;
    private final String duckdbType;
    private final WatermarkFilter filter;
    private final boolean hive;
    private final Watermark.Kind kind;
    private final String parameter;
    private final List<Object> values;

    private ParquetWatermark(String column, String duckdbType, WatermarkFilter filter, boolean hive, Watermark.Kind kind) {
        this.column = column;
        this.duckdbType = duckdbType;
        this.filter = filter;
        this.hive = hive;
        this.kind = kind;
        boolean nanos = duckdbType.equals("TIMESTAMP_NS");
        this.parameter = nanos ? "CAST(? AS TIMESTAMP_NS)" : "?";
        this.values = filter.after().<List<Object>>map(w -> List.of(nanos
                ? ((LocalDateTime) w.value()).format(NANOS) : dev.hygge.jdbc.WatermarkPredicate.value(w))).orElse(List.of());
    }

    /**
     * The filter on {@code field} (DuckDB type {@code duckdbType}; {@code hive} when the column is a
     * partition folder's).
     *
     * @throws HomeException when the column cannot be a watermark or the watermark is of another kind
     */
    static ParquetWatermark of(Field field, String duckdbType, WatermarkFilter filter, boolean hive, String where) {
        Watermark.Kind kind = filter.kindOf(where, field.getName(), field.getType(), duckdbType,
                "integer, decimal, date, timestamp or text");
        return new ParquetWatermark(field.getName(), duckdbType, filter, hive, kind);
    }

    /** The condition in the scan's WHERE, or empty when every row passes. */
    Optional<String> scanCondition() {
        return dev.hygge.jdbc.WatermarkPredicate.condition(DuckDb.identifier(column), filter, parameter);
    }

    /** The values of the scan condition's parameters, in order. */
    List<Object> parameters() {
        return values;
    }

    /**
     * Whether row groups can be skipped by their footer statistics: a watermark is set, the column
     * is in the files (not a hive folder's), and its statistics are exact values of an ordered
     * type. Text is left to DuckDB's own pruning (writers may cut a string's maximum, and older
     * ones ordered bytes as signed).
     */
    boolean prunesRowGroups() {
        return !hive && filter.after().isPresent() && kind != Watermark.Kind.STRING;
    }

    /**
     * A {@code parquet_metadata()} row's test that its row group may hold a row that passes, with
     * two parameters: the column's path and the watermark ({@link #statisticsParameters()}). A
     * row group is kept whenever its statistics cannot tell (missing, not castable, INT96).
     */
    String statisticsCondition() {
        String max = "TRY_CAST(stats_max_value AS " + duckdbType + ")";
        return "CASE WHEN path_in_schema = ? THEN stats_max_value IS NULL OR type = 'INT96' OR " + max + " IS NULL OR "
                + max + " > " + parameter + (filter.includeNulls() ? " OR stats_null_count IS NULL OR stats_null_count > 0" : "")
                + " END";
    }

    List<Object> statisticsParameters() {
        return List.of(column, values.get(0));
    }

    /** Whether a file in the hive folder {@code column=value} may hold a row that passes. */
    boolean keepsPartition(String value) {
        if (filter.after().isEmpty() || value == null) {
            return true; // the first run; or a file outside such folders, whose value the scan's filter tests (NULL)
        }
        Watermark after = filter.after().get();
        if (kind == Watermark.Kind.INTEGER) {
            return new BigInteger(value).compareTo((BigInteger) after.value()) > 0;
        }
        // DuckDB orders VARCHAR by UTF-8 bytes, that is by code point (Java's compareTo orders UTF-16 units)
        return compareCodePoints(value, (String) after.value()) > 0;
    }

    static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }

    boolean isHive() {
        return hive;
    }

    String column() {
        return column;
    }
}
