package dev.hygge.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.FieldVector;

/**
 * Fills a vector from the text of each value ({@code getString}): SQLite keeps dates, times,
 * timestamps and exact decimals as text, and a NUMERIC column's number reads back as its shortest
 * text. A value that does not parse fails the read naming the column, the row's value and what to
 * do; it is never turned into a NULL or a zero.
 *
 * <pre>{@code
 * new TextValueConsumer<>((DateDayVector) v, c, "date", (vector, i, text) -> vector.setSafe(i, (int) TemporalText.localDate(text).toEpochDay()));
 * }</pre>
 */
final class TextValueConsumer<V extends FieldVector> extends BaseConsumer<V> {
    /** Sets row {@code index} of {@code vector} from {@code text}. */
    @FunctionalInterface
    interface Setter<V> {
        void set(V vector, int index, String text);
    }

    private final String expected;
    private final Setter<V> setter;

    /** @param expected what the text should be, for the message ({@code "a timestamp"}) */
    TextValueConsumer(V vector, int column, String expected, Setter<V> setter) {
        super(vector, column);
        this.expected = expected;
        this.setter = setter;
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        String text = resultSet.getString(columnIndexInResultSet);
        if (text != null) {
            try {
                setter.set(vector, currentIndex, text);
            } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
                throw new SQLException("column '" + vector.getName() + "' holds '" + abbreviated(text) + "', which is not "
                        + expected + " (" + e.getMessage() + "); SQLite keeps any value in any column: fix the row, or read"
                        + " the column as text with a query (CAST(" + vector.getName() + " AS TEXT))", e);
            }
        }
        currentIndex++;
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
