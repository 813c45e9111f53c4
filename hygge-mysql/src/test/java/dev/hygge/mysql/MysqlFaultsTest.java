package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which server errors a flow runs again after: the codes MySQL and MariaDB give, found through causes. */
class MysqlFaultsTest {
    @Test
    void deadlocksLockTimeoutsAndDroppedConnectionsAreTransient() {
        assertThat(MysqlFaults.isTransient(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(MysqlFaults.isTransient(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(MysqlFaults.isTransient(new SQLException("Server has gone away", "HY000", 2006))).isTrue();
        assertThat(MysqlFaults.isTransient(new SQLException("socket closed", "08000", 0))).isTrue();
        assertThat(MysqlFaults.isTransient(new StoreException("load failed", new SQLException("x", "40001", 1213)))).isTrue();
    }

    /** MySQL 8.0.24+ closes an idle session with 4031; MariaDB's 4031 is a missing trigger, which is not transient. */
    @Test
    void mysql8sIdleDisconnectIsTransientMariadbs4031IsNot() {
        assertThat(MysqlFaults.isTransient(new SQLException("The client was disconnected by the server because of"
                + " inactivity. See wait_timeout and interactive_timeout for configuring this behavior.", "HY000", 4031))).isTrue();
        assertThat(MysqlFaults.isTransient(new SQLException("Referenced trigger 't1' for the given action time and event"
                + " type does not exist", "HY000", 4031))).isFalse();
    }

    @Test
    void othersAreNot() {
        assertThat(MysqlFaults.isTransient(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
        assertThat(MysqlFaults.isTransient(new SQLException("Table doesn't exist", "42S02", 1146))).isFalse();
        assertThat(MysqlFaults.isTransient(new SQLTransientConnectionException("pool exhausted", "08001"))).isFalse();
    }
}
