package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangesTest {
    private static List<String> plan(long min, long max, int partitions) {
        return KeyRanges.plan(BigInteger.valueOf(min), BigInteger.valueOf(max), partitions, "\"id\"", "id", "table t",
                (where, describe) -> where + " | " + describe);
    }

    @Test
    void cutsTheRangeIntoContiguousPiecesWithNullsInTheFirst() {
        assertThat(plan(1, 10, 2)).containsExactly(
                "(\"id\" IS NULL OR \"id\" >= 1 AND \"id\" < 6) | table t [id 1..6)",
                "(\"id\" >= 6 AND \"id\" <= 10) | table t [id 6..10]");
    }

    @Test
    void neverMorePiecesThanKeysAndOneKeyIsOnePiece() {
        assertThat(plan(5, 7, 8)).hasSize(3);
        assertThat(plan(3, 3, 4)).containsExactly("(\"id\" IS NULL OR \"id\" >= 3 AND \"id\" <= 3) | table t [id 3..3]");
        assertThat(plan(-2, 97, 3)).hasSize(3).last().asString().endsWith("[id 66..97]");
        assertThatThrownBy(() -> plan(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integerTypesAndScaleZeroDecimalsOnly() {
        assertThat(KeyRanges.isInteger(Types.BIGINT, 0)).isTrue();
        assertThat(KeyRanges.isInteger(Types.NUMERIC, 0)).isTrue();
        assertThat(KeyRanges.isInteger(Types.DECIMAL, 2)).isFalse();
        assertThat(KeyRanges.isInteger(Types.VARCHAR, 0)).isFalse();
    }
}
