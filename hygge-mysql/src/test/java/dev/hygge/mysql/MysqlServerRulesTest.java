package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.jdbc.TableName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's rules from its version string and lower_case_table_names, without a server. */
class MysqlServerRulesTest {
    private static final TableName ORDERS = TableName.parse("Shop.Orders");

    @Test
    void mariadbAndMysqlBefore8020MergeWithValuesLaterMysqlWithARowAlias() {
        assertThat(MysqlServerRules.of("10.11.19-MariaDB-0+deb12u1", 0).mariadb()).isTrue();
        assertThat(MysqlServerRules.of("10.11.19-MariaDB-0+deb12u1", 0).rowAliasMerge()).isFalse();
        // MariaDB's 11.x numbers are past 8.0.20: the name decides, not the number
        assertThat(MysqlServerRules.of("11.4.2-MariaDB", 0).rowAliasMerge()).isFalse();
        assertThat(MysqlServerRules.of("5.7.44-log", 0).rowAliasMerge()).isFalse();
        assertThat(MysqlServerRules.of("8.0.19", 0).rowAliasMerge()).isFalse();
        assertThat(MysqlServerRules.of("8.0.20", 0).rowAliasMerge()).isTrue();
        assertThat(MysqlServerRules.of("8.0.36-0ubuntu0.22.04.1", 0).rowAliasMerge()).isTrue();
        assertThat(MysqlServerRules.of("8.4.0", 0).rowAliasMerge()).isTrue();
        assertThat(MysqlServerRules.of("9.1.0-commercial", 0).rowAliasMerge()).isTrue();
        MysqlServerRules odd = MysqlServerRules.of("unknown", 0);
        assertThat(odd.major()).isZero();
        assertThat(odd.rowAliasMerge()).isFalse();
    }

    @Test
    void atZeroTheNameIsAsWritten() {
        MysqlServerRules rules = MysqlServerRules.of("8.0.36", 0);
        assertThat(rules.name(ORDERS, t -> Optional.of(TableName.parse("shop.orders")))).isEqualTo(ORDERS);
        assertThat(rules.ignoresTableCase()).isFalse();
        assertThat(rules.database("Shop")).isEqualTo("Shop");
    }

    @Test
    void atOneDatabaseAndTableAreInLowerCase() {
        MysqlServerRules rules = MysqlServerRules.of("8.0.36", 1);
        assertThat(rules.name(ORDERS, t -> Optional.empty())).isEqualTo(TableName.parse("shop.orders"));
        assertThat(rules.ignoresTableCase()).isTrue();
        assertThat(rules.database("Shop")).isEqualTo("shop");
    }

    @Test
    void atTwoTheStoredSpellingWinsElseAsWritten() {
        MysqlServerRules rules = MysqlServerRules.of("8.0.36", 2);
        assertThat(rules.name(ORDERS, t -> Optional.of(TableName.parse("shop.ORDERS")))).isEqualTo(TableName.parse("shop.ORDERS"));
        assertThat(rules.name(ORDERS, t -> Optional.empty())).isEqualTo(ORDERS);
        assertThat(rules.ignoresTableCase()).isTrue();
        assertThat(rules.database("Shop")).isEqualTo("Shop");
    }

    @Test
    void foldedNamesShareOneCanonicalNameLockAndStagingPrefix() {
        MysqlDialect folding = new MysqlDialect(MysqlServerRules.of("10.11.19-MariaDB", 1));
        assertThat(folding.canonicalName(ORDERS)).isEqualTo(folding.canonicalName(TableName.parse("shop.orders")));
        assertThat(folding.stagingPrefix(ORDERS)).isEqualTo(folding.stagingPrefix(TableName.parse("SHOP.ORDERS")));
        MysqlDialect exact = new MysqlDialect(MysqlServerRules.of("10.11.19-MariaDB", 0));
        assertThat(exact.stagingPrefix(ORDERS)).isNotEqualTo(exact.stagingPrefix(TableName.parse("shop.orders")));
    }

    @Test
    void aSettingOutsideZeroToTwoIsRefused() {
        assertThatThrownBy(() -> MysqlServerRules.of("8.0.36", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower_case_table_names");
    }
}
