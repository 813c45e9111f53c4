package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkValues;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** The engine's fast batch maximum agrees with the SPI's value-by-value one, NULLs and negatives included. */
class WatermarkMaxTest {
    private static final long[] VALUES = {-5, 42, Long.MIN_VALUE + 1, 41, 0};

    private static void check(FieldVector vector) {
        Watermark expected = WatermarkValues.max(vector, vector.getValueCount());
        assertThat(WatermarkBook.maxOf(vector, vector.getValueCount())).isEqualTo(expected);
    }

    @Test
    void agreesOnEveryFastKindAndOnTheOthers() {
        try (BufferAllocator allocator = new RootAllocator();
             BigIntVector big = new BigIntVector("b", allocator);
             SmallIntVector small = new SmallIntVector("s", allocator);
             TimeStampNanoVector nanos = new TimeStampNanoVector("t", allocator);
             TimeStampMicroTZVector zoned = new TimeStampMicroTZVector("z", allocator, "+02:00");
             DateDayVector days = new DateDayVector("d", allocator);
             UInt8Vector unsigned = new UInt8Vector("u", allocator);
             VarCharVector text = new VarCharVector("x", allocator)) {
            int n = VALUES.length + 1;
            big.allocateNew(n);
            small.allocateNew(n);
            nanos.allocateNew(n);
            zoned.allocateNew(n);
            days.allocateNew(n);
            unsigned.allocateNew(n);
            text.allocateNew(n);
            for (int i = 0; i < VALUES.length; i++) {
                big.set(i, VALUES[i]);
                small.set(i, (short) Math.max(Short.MIN_VALUE, VALUES[i]));
                nanos.set(i, VALUES[i] * 1_000_000_007L);
                zoned.set(i, VALUES[i]);
                days.set(i, (int) Math.max(-100_000, VALUES[i]));
                unsigned.set(i, VALUES[i]);                       // -5 is 2^64 - 5 unsigned: the greatest
                text.setSafe(i, ("v" + VALUES[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (FieldVector v : new FieldVector[] {big, small, nanos, zoned, days, unsigned, text}) {
                v.setNull(VALUES.length);
                v.setValueCount(n);
                check(v);
            }
            assertThat(WatermarkBook.maxOf(big, n)).isEqualTo(Watermark.of(42));
            assertThat(WatermarkBook.maxOf(days, n)).isEqualTo(Watermark.of(LocalDate.ofEpochDay(42)));
            assertThat(WatermarkBook.maxOf(zoned, n)).isEqualTo(Watermark.of(Instant.EPOCH.plusNanos(42_000)));
            assertThat(WatermarkBook.maxOf(unsigned, n).text()).isEqualTo("18446744073709551611");
        }
    }

    @Test
    void aBatchOfNullsHasNoMaximum() {
        try (BufferAllocator allocator = new RootAllocator(); BigIntVector big = new BigIntVector("b", allocator)) {
            big.allocateNew(3);
            big.setNull(0);
            big.setNull(1);
            big.setNull(2);
            big.setValueCount(3);
            assertThat(WatermarkBook.maxOf(big, 3)).isNull();
        }
    }
}
