package dev.hygge.mysql;

import dev.hygge.config.EntityLister;
import dev.hygge.config.Secrets;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.StateSql;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Options;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the tables and views of the database a {@code mysql} Home's {@code table} pattern names,
 * for {@code entities: "*"}: {@code table: "shop.{entity}"} lists database {@code shop},
 * {@code table: "{entity}"} the connection's database. It connects once through the Home's named
 * {@code mysql} connection, reads {@code information_schema.tables} (staging tables and
 * {@code hygge_state} left out) and disconnects. The names are the server's own spelling: where
 * {@code lower_case_table_names} is 1 they are in lower case, and so is the database looked up.
 *
 * <pre>{@code
 * flows:
 *   shop:
 *     home: {type: mysql, connection: shop, table: "shop.{entity}"}
 *     store: lake/shop
 *     entities: "*"
 * }</pre>
 */
public final class MysqlEntityLister implements EntityLister {
    @Override
    public String homeType() {
        return "mysql";
    }

    @Override
    public List<String> entities(Source source) {
        if (!(source.home().get("table") instanceof String table)) {
            throw new ConfigException("entities: \"*\" lists the tables of the database in the home's table pattern, but"
                    + " this mysql home has " + (source.home().get("query") != null ? "only a query" : "no table")
                    + "; add table: \"<database>.{entity}\" or list the entities by name: entities: [a, b]");
        }
        TablePattern pattern = TablePattern.parse(table);
        if (pattern.catalog().isPresent()) {
            throw new ConfigException("the mysql home's table pattern '" + table + "' has three parts; in MySQL a table is"
                    + " database.table");
        }
        NamedConnection named = source.connection().orElseThrow(() -> new ConfigException(
                "entities: \"*\" lists the tables through the mysql home's connection, but it names none; add connection:"));
        if (!named.type().equals("mysql")) {
            throw new ConfigException("connection '" + named.name() + "' of the mysql home is a '" + named.type()
                    + "' connection; name a mysql connection");
        }
        String where = "connection '" + named.name() + "'";
        MysqlConnectionOptions options = Options.bind(named.options(), MysqlConnectionOptions.class, where).validate(where);
        String database = pattern.schema().orElse(options.database);
        if (database == null) {
            throw new ConfigException("entities: \"*\" needs a database: write the home's table as \"<database>.{entity}\""
                    + " or give " + where + " a database");
        }
        String place = "database '" + database + "' through " + where + " (" + options.host + ":" + options.port + ")";
        try (Connection connection = MysqlDataSource.of(named.name(), options).getConnection()) {
            // at lower_case_table_names = 1 the server stores database names in lower case: "Shop" is shop
            String stored = MysqlServerRules.read(connection).database(database);
            List<String> entities = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_type IN ('BASE TABLE', 'VIEW')")) {
                st.setString(1, stored);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (!name.startsWith(SqlDialect.STAGING_PREFIX) && !name.equals(StateSql.TABLE)) {
                            pattern.entity(name).ifPresent(entities::add);
                        }
                    }
                }
            }
            if (entities.isEmpty() && !exists(connection, stored)) {
                throw new ConfigException("there is no " + place + "; fix the home's table pattern '" + table
                        + "' or the connection's database");
            }
            entities.sort(null);
            return entities;
        } catch (SQLException e) {
            throw new ConfigException("cannot list the tables of " + place + ": " + Secrets.maskText(String.valueOf(e.getMessage()))
                    + ". Check host, port, database, the network and the credentials", e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
