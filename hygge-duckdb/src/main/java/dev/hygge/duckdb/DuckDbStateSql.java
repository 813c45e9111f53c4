package dev.hygge.duckdb;

import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * DuckDB's state table SQL: the standard statements, with the destination and state tables'
 * existence asked in one catalog query before the state is read ({@link DuckDbCatalog}), so an
 * incremental run learns its watermark in two queries after the table's name is resolved.
 */
final class DuckDbStateSql extends StateSql {
    DuckDbStateSql(DuckDbDialect dialect) {
        super(dialect);
    }

    @Override
    protected boolean bothExist(Connection connection, TableName table, TableName state) throws SQLException {
        return DuckDbCatalog.bothExist(connection, table, state);
    }
}
