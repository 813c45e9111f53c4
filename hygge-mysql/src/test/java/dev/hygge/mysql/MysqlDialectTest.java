package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.jdbc.TableName;
import dev.hygge.spi.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL the dialect writes: backtick quoting, the atomic swap, the merge, staging names within 64 characters. */
class MysqlDialectTest {
    private final MysqlDialect dialect = new MysqlDialect();

    @Test
    void quotesEveryIdentifierWithBackticks() {
        assertThat(dialect.quote("a`b")).isEqualTo("`a``b`");
        assertThat(dialect.qualify(TableName.parse("shop.orders"))).isEqualTo("`shop`.`orders`");
        assertThatThrownBy(() -> dialect.quote("x".repeat(65))).isInstanceOf(ConfigException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> dialect.qualify(TableName.parse("a.b.c"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.table");
    }

    @Test
    void replaceIsOneAtomicRenameThenADrop() {
        TableName target = TableName.parse("shop.orders");
        TableName staging = dialect.stagingTable(target, "0abcdefwxyz");
        TableName retired = dialect.retired(target, staging);
        List<String> statements = dialect.replaceTable(target, staging);
        assertThat(statements).containsExactly(
                "RENAME TABLE `shop`.`orders` TO " + dialect.qualify(retired) + ", " + dialect.qualify(staging)
                        + " TO `shop`.`orders`",
                "DROP TABLE " + dialect.qualify(retired));
        assertThat(retired.table()).startsWith(dialect.stagingPrefix(target)).isNotEqualTo(staging.table());
    }

    @Test
    void stagingNamesFitMysqlsLimitForLongTables() {
        TableName target = TableName.parse("shop." + "t".repeat(64));
        TableName staging = dialect.stagingTable(target, "0abcdefwxyz");
        assertThat(staging.table()).hasSizeLessThanOrEqualTo(64).startsWith(dialect.stagingPrefix(target));
        assertThat(dialect.retired(target, staging).table()).hasSizeLessThanOrEqualTo(64)
                .startsWith(dialect.stagingPrefix(target)).isNotEqualTo(staging.table());
    }

    @Test
    void truncateIsADeleteAndMergeUpsertsAfterDeletingStagedKeys() {
        TableName target = TableName.parse("shop.t");
        TableName staging = TableName.parse("shop.s");
        assertThat(dialect.truncate(target)).isEqualTo("DELETE FROM `shop`.`t`");
        assertThat(dialect.merge(target, staging, List.of("id", "v"), List.of("id"))).containsExactly(
                "DELETE FROM `shop`.`t` WHERE EXISTS (SELECT 1 FROM `shop`.`s` s WHERE s.`id` = `shop`.`t`.`id`)",
                "INSERT INTO `shop`.`t` (`id`, `v`) SELECT `id`, `v` FROM `shop`.`s` ON DUPLICATE KEY UPDATE"
                        + " `id` = VALUES(`id`), `v` = VALUES(`v`)");
    }

    @Test
    void mysql8020AndLaterMergeThroughADerivedTableAliasMariadbThroughValues() {
        TableName target = TableName.parse("shop.t");
        TableName staging = TableName.parse("shop.s");
        String delete = "DELETE FROM `shop`.`t` WHERE EXISTS (SELECT 1 FROM `shop`.`s` s WHERE s.`id` = `shop`.`t`.`id`)";
        assertThat(new MysqlDialect(MysqlServerRules.of("8.0.36", 0)).merge(target, staging, List.of("id", "v"), List.of("id")))
                .containsExactly(delete, "INSERT INTO `shop`.`t` (`id`, `v`) SELECT * FROM (SELECT `id`, `v` FROM `shop`.`s`)"
                        + " AS `new` ON DUPLICATE KEY UPDATE `id` = `new`.`id`, `v` = `new`.`v`");
        for (String older : new String[] {"10.11.19-MariaDB-0+deb12u1", "8.0.19", "5.7.44"}) {
            assertThat(new MysqlDialect(MysqlServerRules.of(older, 0)).merge(target, staging, List.of("id", "v"), List.of("id")))
                    .as(older).containsExactly(delete, "INSERT INTO `shop`.`t` (`id`, `v`) SELECT `id`, `v` FROM `shop`.`s`"
                            + " ON DUPLICATE KEY UPDATE `id` = VALUES(`id`), `v` = VALUES(`v`)");
        }
    }
}
