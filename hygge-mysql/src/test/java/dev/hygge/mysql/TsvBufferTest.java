package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The LOAD DATA text, value by value, against what Java's own formatting says. */
class TsvBufferTest {
    private static String text(java.util.function.Consumer<TsvBuffer> write) {
        TsvBuffer out = new TsvBuffer(4);
        write.accept(out);
        return new String(out.bytes(), 0, out.size(), StandardCharsets.UTF_8);
    }

    @Test
    void integersAndDecimals() {
        for (long v : new long[] {0, 7, -7, 10, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(text(o -> o.integer(v))).isEqualTo(Long.toString(v));
        }
        assertThat(text(o -> o.unsigned(-1L))).isEqualTo("18446744073709551615");
        assertThat(text(o -> o.unsigned(Long.MIN_VALUE))).isEqualTo("9223372036854775808");
        assertThat(text(o -> o.decimal(-1230, 2))).isEqualTo("-12.30");
        assertThat(text(o -> o.decimal(5, 3))).isEqualTo("0.005");
        assertThat(text(o -> o.decimal(-5, 3))).isEqualTo("-0.005");
        assertThat(text(o -> o.decimal(999_999_999_999_999_999L, 18))).isEqualTo("0.999999999999999999");
    }

    @Test
    void textIsEscapedForLoadData() {
        byte[] raw = "a\tb\nc\\d\re\0f é".getBytes(StandardCharsets.UTF_8);
        assertThat(text(o -> o.text(raw, 0, raw.length))).isEqualTo("a\\tb\\nc\\\\d\\re\\0f é");
        assertThat(text(TsvBuffer::nullValue)).isEqualTo("\\N");
        byte[] marker = "\\N".getBytes(StandardCharsets.UTF_8);
        assertThat(text(o -> o.text(marker, 0, marker.length))).isEqualTo("\\\\N");
    }

    @Test
    void datesAndTimestampsMatchJavaTime() {
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            long day = LocalDate.of(1000, 1, 1).toEpochDay()
                    + random.nextInt((int) (LocalDate.of(9999, 12, 31).toEpochDay() - LocalDate.of(1000, 1, 1).toEpochDay()));
            assertThat(text(o -> o.date(day))).isEqualTo(LocalDate.ofEpochDay(day).toString());
            long micros = day * 86_400_000_000L + (long) (random.nextDouble() * 86_400_000_000L);
            LocalDateTime expected = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), 0, ZoneOffset.UTC)
                    .plus(Math.floorMod(micros, 1_000_000), ChronoUnit.MICROS);
            assertThat(text(o -> o.timestamp(micros, 6))).isEqualTo(
                    expected.toLocalDate() + " " + String.format("%02d:%02d:%02d.%06d", expected.getHour(), expected.getMinute(),
                            expected.getSecond(), expected.getNano() / 1000));
        }
        assertThat(text(o -> o.time(45_296_000_001L, 6))).isEqualTo("12:34:56.000001");
        assertThat(text(o -> o.time(45_296_789_000L, 3))).isEqualTo("12:34:56.789");
        assertThat(text(o -> o.time(45_296_000_000L, 0))).isEqualTo("12:34:56");
        assertThatThrownBy(() -> text(o -> o.date(LocalDate.of(10000, 1, 1).toEpochDay())))
                .hasMessageContaining("outside MySQL's 0000..9999");
    }

    @Test
    void nanosecondsMustBeWholeMicroseconds() {
        assertThat(TsvColumn.micros(5_000, org.apache.arrow.vector.types.TimeUnit.NANOSECOND, "c", 0)).isEqualTo(5);
        assertThatThrownBy(() -> TsvColumn.micros(5_001, org.apache.arrow.vector.types.TimeUnit.NANOSECOND, "c", 3))
                .hasMessageContaining("column 'c' row 3 has nanoseconds");
    }
}
