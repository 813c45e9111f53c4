package dev.hygge.mysql;

import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;

/**
 * The state table in MySQL's types: {@code LONGTEXT} values, {@code DATETIME(6)} commit times in
 * UTC ({@code UTC_TIMESTAMP(6)}), utf8mb4 with the binary collation like every table hygge creates.
 */
final class MysqlStateSql extends StateSql {
    MysqlStateSql(MysqlDialect dialect) {
        super(dialect);
    }

    @Override
    public String createTable(TableName state) {
        return super.createTable(state) + MysqlDialect.TABLE_OPTIONS;
    }

    @Override
    protected String longText() {
        return "LONGTEXT";
    }

    @Override
    protected String timestamp() {
        return "DATETIME(6)";
    }

    @Override
    protected String now() {
        return "UTC_TIMESTAMP(6)";
    }
}
