package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransientFaultsTest {
    private final List<Duration> waits = new ArrayList<>();
    private final TransientFaults faults = new TransientFaults(3, Duration.ofMillis(100), waits::add);

    private static SQLException deadlock() {
        return new SQLException("Transaction (Process ID 57) was deadlocked on lock resources with another process and"
                + " has been chosen as the deadlock victim. Rerun the transaction.", "40001", 1205);
    }

    @Test
    void classifiesDeadlocksDropsAndThrottlingAsTransient() {
        assertThat(TransientFaults.isTransient(deadlock())).isTrue();
        assertThat(TransientFaults.isTransient(new SQLException("Connection reset", "08S01", 0))).isTrue();
        assertThat(TransientFaults.isTransient(new SQLException("The service is busy", "S0001", 40501))).isTrue();
        assertThat(TransientFaults.isTransient(new SQLException("Invalid column name 'x'.", "S0001", 207))).isFalse();
        assertThat(TransientFaults.isTransient(new SQLException("String or binary data would be truncated", "22001", 2628))).isFalse();
        assertThat(TransientFaults.isTransient(new SQLTransientConnectionException("pool exhausted", "08001"))).isFalse();
        SQLException chained = new SQLException("statement failed", "HY000", 0);
        chained.setNextException(deadlock());
        assertThat(TransientFaults.isTransient(chained)).isTrue();
    }

    /** What MssqlHome and MssqlStore answer the engine (ClassifiesFaults): the fault found under the engine's wrappers. */
    @Test
    void aTransientFaultUnderTheEnginesWrappersIsStillTransient() {
        Throwable wrapped = new dev.hygge.spi.StoreException("Writing to mssql dbo.t failed: deadlock",
                new RuntimeException("bulk copy", deadlock()));
        assertThat(TransientFaults.isTransient(wrapped)).isTrue();
        assertThat(TransientFaults.isTransient((Throwable) new dev.hygge.spi.StoreException("Writing failed",
                new SQLException("Invalid column name 'x'.", "S0001", 207)))).isFalse();
        assertThat(TransientFaults.isTransient((Throwable) new IllegalStateException("no SQL at all"))).isFalse();
    }

    @Test
    void retriesTheSameBatchAfterRecoveringWithDoublingBackoff() throws Exception {
        List<Integer> attempts = new ArrayList<>();
        List<String> recoveries = new ArrayList<>();
        long rows = faults.run("dbo.t transaction 1", attempt -> {
            attempts.add(attempt);
            if (attempt < 3) {
                throw attempt == 1 ? deadlock() : new SQLException("Connection reset", "08S01", 0);
            }
            return 102_400L;
        }, failure -> recoveries.add(failure.getSQLState()));
        assertThat(rows).isEqualTo(102_400L);
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(recoveries).containsExactly("40001", "08S01");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void failsAtOnceWithTheServersMessageForOtherErrors() {
        SQLException bad = new SQLException("Invalid object name 'dbo.nope'.", "S0002", 208);
        assertThatThrownBy(() -> faults.run("x", attempt -> {
            throw bad;
        }, failure -> { })).isSameAs(bad);
        assertThat(waits).isEmpty();
    }

    @Test
    void givesUpAfterMaxRetriesKeepingTheLastError() {
        assertThatThrownBy(() -> faults.run("dbo.t transaction 7", attempt -> {
            throw deadlock();
        }, failure -> { }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("dbo.t transaction 7: gave up after 4 attempts")
                .hasMessageContaining("deadlock victim")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(waits).hasSize(3);
    }
}
