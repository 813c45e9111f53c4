package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * numeric's base-10000 binary form, both of hygge's encoders (on a long, through BigDecimal)
 * against each other and read back exact. The server's own reading of it is
 * {@link PostgresRoundTripTest}'s.
 */
class PgNumericTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "1", "-1", "123.45", "-0.01", "0.0001", "0.00000001", "10000", "9999.9999",
        "12345678901234567.8", "-922337203685477580.7", "100000000", "0.1000", "1e-10", "123456789012345678901234567890.12345678"})
    void bothEncodersWriteTheSameBytesAndReadBackExact(String text) {
        BigDecimal value = new BigDecimal(text);
        CopyBuffer viaBigDecimal = new CopyBuffer(16);
        PgNumeric.write(value, viaBigDecimal);
        byte[] big = Arrays.copyOf(viaBigDecimal.array(), viaBigDecimal.size());
        if (value.unscaledValue().bitLength() < 63 && value.scale() >= 0) {
            CopyBuffer viaLong = new CopyBuffer(16);
            PgNumeric.write(value.unscaledValue().longValueExact(), value.scale(), viaLong);
            assertThat(Arrays.copyOf(viaLong.array(), viaLong.size())).as(text).isEqualTo(big);
        }
        assertThat(new BigDecimal(PgNumeric.text(big, 4))).as(text).isEqualTo(value.scale() < 0 ? value.setScale(0) : value);
    }

    /** Exact text (how the Home reads a numeric of no declared precision) writes the bytes its number does. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.01", "1234567890123456789012345678.0123456789", "NaN", "Infinity", "-Infinity"})
    void textWritesWhatItsNumberWrites(String text) {
        CopyBuffer viaText = new CopyBuffer(16);
        PgNumeric.write(text, viaText);
        assertThat(PgNumeric.text(Arrays.copyOf(viaText.array(), viaText.size()), 4)).isEqualTo(text);
    }

    @Test
    void textThatIsNoNumberIsQuoted() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PgNumeric.write("12,5", new CopyBuffer(16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'12,5' is not a number");
    }

    /** An Arrow null-type column (every value NULL; inferred as VARCHAR) has an encoder for any column type. */
    @Test
    void aNullTypedColumnHasAnEncoder() {
        PgType text = new PgType(25, "text", 'b', 'S', -1, "text", null);
        org.apache.arrow.vector.types.pojo.Field nulls = new org.apache.arrow.vector.types.pojo.Field("n",
                org.apache.arrow.vector.types.pojo.FieldType.nullable(org.apache.arrow.vector.types.pojo.ArrowType.Null.INSTANCE), null);
        CopyBuffer out = new CopyBuffer(4);
        CopyEncoders.of(nulls, text, "n").write(null, 0, out);
        assertThat(Arrays.copyOf(out.array(), out.size())).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void digitsAreBase10000FromTheDecimalPoint() {
        CopyBuffer out = new CopyBuffer(16);
        PgNumeric.write(12345, 2, out);   // 123.45 = 123 × 10000^0 + 4500 × 10000^-1
        assertThat(Arrays.copyOf(out.array(), out.size())).containsExactly(0, 0, 0, 12, 0, 2, 0, 0, 0, 0, 0, 2, 0, 123, 0x11, 0x94);
    }
}
