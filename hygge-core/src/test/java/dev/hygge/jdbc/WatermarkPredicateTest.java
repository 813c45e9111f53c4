package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkPredicateTest {
    private static final String C = "\"updated at\"";

    @Test
    void conditionsForEachCaseOfTheFilter() {
        Watermark w = Watermark.of(5);
        assertThat(WatermarkPredicate.condition(C, new WatermarkFilter("updated at", Optional.of(w), false), "?"))
                .contains("\"updated at\" > ?");
        assertThat(WatermarkPredicate.condition(C, new WatermarkFilter("updated at", Optional.of(w), true), "CAST(? AS T)"))
                .contains("(\"updated at\" > CAST(? AS T) OR \"updated at\" IS NULL)");
        assertThat(WatermarkPredicate.condition(C, new WatermarkFilter("updated at", Optional.empty(), false), "?"))
                .contains("\"updated at\" IS NOT NULL");
        assertThat(WatermarkPredicate.condition(C, new WatermarkFilter("updated at", Optional.empty(), true), "?")).isEmpty();
        assertThat(WatermarkPredicate.and("[id] >= 1", Optional.of("[t] > ?"))).isEqualTo("([id] >= 1) AND [t] > ?");
        assertThat(WatermarkPredicate.and(null, Optional.of("[t] > ?"))).isEqualTo("[t] > ?");
        assertThat(WatermarkPredicate.and("[id] >= 1", Optional.empty())).isEqualTo("[id] >= 1");
    }

    @Test
    void valuesKeepTypeAndPrecision() {
        assertThat(WatermarkPredicate.value(Watermark.of(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(WatermarkPredicate.value(Watermark.of(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        BigInteger unsigned = new BigInteger("18446744073709551615");
        assertThat(WatermarkPredicate.value(Watermark.of(unsigned))).isEqualTo(unsigned);
        assertThat(WatermarkPredicate.value(Watermark.of(new BigDecimal("12.50")))).isEqualTo(new BigDecimal("12.50"))
                .extracting(v -> ((BigDecimal) v).scale()).isEqualTo(2);
        assertThat(WatermarkPredicate.value(Watermark.of(LocalDate.of(9999, 12, 31)))).isEqualTo(LocalDate.of(9999, 12, 31));
        LocalDateTime nanos = LocalDateTime.of(2026, 12, 1, 10, 15, 30, 123_456_789);
        assertThat(WatermarkPredicate.value(Watermark.of(nanos))).isEqualTo(nanos);
        assertThat(WatermarkPredicate.value(Watermark.of(Instant.parse("2026-12-01T09:15:30.1234567Z"))))
                .isEqualTo(OffsetDateTime.of(2026, 12, 1, 9, 15, 30, 123_456_700, ZoneOffset.UTC));
        assertThat(WatermarkPredicate.value(Watermark.of("b"))).isEqualTo("b");
    }

    @Test
    void aWatermarkTravelsInASerialisedSplit() throws Exception {
        for (Watermark w : new Watermark[] {Watermark.of(new BigInteger("18446744073709551615")), Watermark.of(new BigDecimal("1.10")),
                Watermark.of(LocalDate.of(9999, 12, 31)), Watermark.of(LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1)),
                Watermark.of(Instant.parse("2026-12-01T09:15:30.1234567Z")), Watermark.of("ü")}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(w);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isEqualTo(w);
            }
        }
    }
}
