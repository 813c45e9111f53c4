package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatermarkTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    /**
     * Strings order by code point, as DuckDB, PostgreSQL's C collation and MySQL's binary collations do (the
     * byte order of UTF-8), not by Java's UTF-16 code units: a character above U+FFFF (a surrogate pair,
     * 0xD800-0xDFFF) comes after one in U+E000-U+FFFF. In UTF-16 order the kept watermark would be the smaller
     * of the two and the next run would read the emoji row again.
     */
    @Test
    void stringsOrderByCodePointAsTheEnginesDo() {
        Watermark emoji = Watermark.of("order-\uD83D\uDE00");                 // U+1F600
        Watermark replacement = Watermark.of("order-\uFFFD");
        assertThat(emoji.compareTo(replacement)).isPositive();
        assertThat(replacement.compareTo(emoji)).isNegative();
        assertThat(Watermark.max(replacement, emoji)).isEqualTo(emoji);
        assertThat(Watermark.of("ab").compareTo(Watermark.of("abc"))).isNegative();
        assertThat(Watermark.of("b").compareTo(Watermark.of("a\uD83D\uDE00"))).isPositive();
        assertThat(Watermark.of("a\uD83D\uDE00").compareTo(Watermark.of("a\uD83D\uDE00"))).isZero();
    }

    @Test
    void valuesCompareAsTheirKindNotAsText() {
        assertThat(Watermark.of(9).compareTo(Watermark.of(10))).isNegative();
        assertThat(Watermark.of(new BigDecimal("9.50")).compareTo(Watermark.of(new BigDecimal("10.1")))).isNegative();
        assertThat(Watermark.max(Watermark.of("b"), Watermark.of("a"))).isEqualTo(Watermark.of("b"));
        assertThat(Watermark.max(null, Watermark.of(3))).isEqualTo(Watermark.of(3));
        assertThatThrownBy(() -> Watermark.of(1).compareTo(Watermark.of("1")))
                .hasMessageContaining("the watermark column's type changed");
    }

    @Test
    void theTextFormReadsBackToAnEqualValueAtFullPrecision() {
        List<Watermark> all = List.of(
                Watermark.of(Long.MAX_VALUE),
                Watermark.of(new BigInteger("18446744073709551615")),
                Watermark.of(new BigDecimal("12345678901234567890.1234500000")),
                Watermark.of(LocalDate.of(9999, 12, 31)),
                Watermark.of(LocalDateTime.of(2026, 12, 1, 10, 15, 30, 123_456_789)),
                Watermark.of(Instant.parse("2026-12-01T09:15:30.123456700Z")),
                Watermark.of("Zoë's ünïcode"));
        for (Watermark w : all) {
            assertThat(Watermark.parse(w.kind(), w.text())).as(w.text()).isEqualTo(w);
            assertThat(Watermark.fromJournal(w.kind(), w.text())).as(w.text()).isEqualTo(w);
        }
        assertThat(Watermark.of(new BigDecimal("1.50")).text()).isEqualTo("1.50");
        assertThat(Watermark.of(LocalDateTime.of(2026, 12, 1, 10, 15, 30, 123_456_789)).text())
                .isEqualTo("2026-12-01T10:15:30.123456789");
    }

    @Test
    void theOriginalJournalsTextIsReadAsTheColumnsKind() {
        assertThat(Watermark.fromJournal(Watermark.Kind.TIMESTAMP, "2024-01-01T09:00:00Z"))
                .isEqualTo(Watermark.of(LocalDateTime.of(2024, 1, 1, 9, 0)));
        assertThat(Watermark.fromJournal(Watermark.Kind.TIMESTAMP, "2024-01-01T10:00:00+01:00"))
                .isEqualTo(Watermark.of(LocalDateTime.of(2024, 1, 1, 9, 0)));
        assertThat(Watermark.fromJournal(Watermark.Kind.TIMESTAMP, "2024-01-01 09:00:00.5"))
                .isEqualTo(Watermark.of(LocalDateTime.of(2024, 1, 1, 9, 0, 0, 500_000_000)));
        assertThat(Watermark.fromJournal(Watermark.Kind.INSTANT, "2024-01-01T09:00:00"))
                .isEqualTo(Watermark.of(Instant.parse("2024-01-01T09:00:00Z")));
        assertThat(Watermark.fromJournal(Watermark.Kind.INTEGER, "42.0")).isEqualTo(Watermark.of(42));
        assertThat(Watermark.fromJournal(Watermark.Kind.DATE, "2024-01-01T00:00:00")).isEqualTo(Watermark.of(LocalDate.of(2024, 1, 1)));
        assertThatThrownBy(() -> Watermark.fromJournal(Watermark.Kind.INTEGER, "42.5"))
                .hasMessageContaining("the journal's watermark '42.5' cannot be read as a integer");
        assertThat(Watermark.of(7).journalType()).isEqualTo("int");
        assertThat(Watermark.of(Instant.EPOCH).journalType()).isEqualTo("datetime");
    }

    @Test
    void aLookbackMovesTheWatermarkBackByItsKind() {
        assertThat(Watermark.of(1_000).minus(Watermark.Lookback.of(100))).isEqualTo(Watermark.of(900));
        assertThat(Watermark.of(LocalDateTime.of(2026, 12, 1, 10, 0)).minus(Watermark.Lookback.of(Duration.ofHours(2))))
                .isEqualTo(Watermark.of(LocalDateTime.of(2026, 12, 1, 8, 0)));
        assertThat(Watermark.of(LocalDate.of(2026, 12, 3)).minus(Watermark.Lookback.of(Duration.ofHours(25))))
                .isEqualTo(Watermark.of(LocalDate.of(2026, 12, 1)));
        assertThatThrownBy(() -> Watermark.of(5).minus(Watermark.Lookback.of(Duration.ofHours(1))))
                .hasMessageContaining("give a count of values");
        assertThatThrownBy(() -> Watermark.of("x").minus(Watermark.Lookback.of(1)))
                .hasMessageContaining("needs an integer, date or timestamp column");
    }

    @Test
    void columnsAreReadAtFullPrecisionAndNullsAreSkipped() {
        try (TimeStampNanoVector nanos = new TimeStampNanoVector("t", allocator);
             TimeStampMicroTZVector zoned = new TimeStampMicroTZVector("z", allocator, "UTC");
             UInt8Vector unsigned = new UInt8Vector("u", allocator);
             UInt1Vector small = new UInt1Vector("b", allocator);
             DecimalVector decimal = new DecimalVector("d", allocator, 38, 10);
             DateDayVector days = new DateDayVector("day", allocator);
             VarCharVector text = new VarCharVector("s", allocator);
             BigIntVector longs = new BigIntVector("l", allocator)) {
            nanos.allocateNew(3);
            nanos.set(0, 1_764_584_130_123_456_789L);
            nanos.setNull(1);
            nanos.set(2, -1L); // one nanosecond before the epoch
            nanos.setValueCount(3);
            assertThat(WatermarkValues.read(nanos, 0)).isEqualTo(Watermark.of(LocalDateTime.of(2025, 12, 1, 10, 15, 30, 123_456_789)));
            assertThat(WatermarkValues.read(nanos, 1)).isNull();
            assertThat(WatermarkValues.read(nanos, 2)).isEqualTo(Watermark.of(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999)));
            assertThat(WatermarkValues.max(nanos, 3)).isEqualTo(WatermarkValues.read(nanos, 0));

            zoned.allocateNew(1);
            zoned.set(0, 1_000_001L);
            zoned.setValueCount(1);
            assertThat(WatermarkValues.read(zoned, 0)).isEqualTo(Watermark.of(Instant.ofEpochSecond(1, 1_000)));

            unsigned.allocateNew(1);
            unsigned.set(0, -1L);
            unsigned.setValueCount(1);
            assertThat(WatermarkValues.read(unsigned, 0)).isEqualTo(Watermark.of(new BigInteger("18446744073709551615")));
            small.allocateNew(1);
            small.set(0, (byte) -1);
            small.setValueCount(1);
            assertThat(WatermarkValues.read(small, 0)).isEqualTo(Watermark.of(255));

            decimal.allocateNew(1);
            decimal.set(0, new BigDecimal("1234567890123456789012345678.0000000001"));
            decimal.setValueCount(1);
            assertThat(WatermarkValues.read(decimal, 0).text()).isEqualTo("1234567890123456789012345678.0000000001");

            days.allocateNew(1);
            days.set(0, 20_423);
            days.setValueCount(1);
            assertThat(WatermarkValues.read(days, 0)).isEqualTo(Watermark.of(LocalDate.of(2025, 12, 1)));

            text.allocateNew(2);
            text.set(0, "b".getBytes(StandardCharsets.UTF_8));
            text.set(1, "ab".getBytes(StandardCharsets.UTF_8));
            text.setValueCount(2);
            assertThat(WatermarkValues.max(text, 2)).isEqualTo(Watermark.of("b"));

            longs.allocateNew(2);
            longs.setNull(0);
            longs.setNull(1);
            longs.setValueCount(2);
            assertThat(WatermarkValues.max(longs, 2)).isNull();
        }
    }

    @Test
    void aColumnThatCannotBeAWatermarkIsNamed() {
        try (FieldVector bytes = new VarBinaryVector("payload", allocator)) {
            bytes.allocateNew();
            ((VarBinaryVector) bytes).setSafe(0, new byte[] {1});
            bytes.setValueCount(1);
            assertThatThrownBy(() -> WatermarkValues.read(bytes, 0))
                    .hasMessageContaining("column 'payload'").hasMessageContaining("cannot be a watermark");
        }
        assertThat(Watermark.Kind.of(ArrowType.Bool.INSTANCE)).isEmpty();
        assertThat(Watermark.Kind.of(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, "UTC")))
                .contains(Watermark.Kind.INSTANT);
    }
}
