package dev.hygge.postgres;

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
 * Lists the tables and views of the schema a {@code postgres} Home's {@code table} pattern names,
 * for {@code entities: "*"}: {@code table: "crm.{entity}"} lists schema {@code crm},
 * {@code table: "{entity}"} the connection's {@code schema} (default {@code public}). Staging
 * tables of interrupted writes and the {@code hygge_state} table are never offered.
 *
 * <pre>{@code
 * flows:
 *   crm:
 *     home: {type: postgres, connection: warehouse, table: "crm.{entity}"}
 *     store: lake/crm
 *     entities: "*"
 * }</pre>
 */
public final class PostgresEntityLister implements EntityLister {
    @Override
    public String homeType() {
        return "postgres";
    }

    @Override
    public List<String> entities(Source source) {
        if (!(source.home().get("table") instanceof String table)) {
            throw new ConfigException("entities: \"*\" lists the tables of the schema in the home's table pattern, but this"
                    + " postgres home has " + (source.home().get("query") != null ? "only a query" : "no table")
                    + "; add table: \"<schema>.{entity}\" or list the entities by name: entities: [a, b]");
        }
        TablePattern pattern = TablePattern.parse(table);
        NamedConnection named = source.connection().orElseThrow(() -> new ConfigException(
                "entities: \"*\" lists the tables through the postgres home's connection, but it names none; add connection:"));
        if (!named.type().equals("postgres")) {
            throw new ConfigException("connection '" + named.name() + "' of the postgres home is a '" + named.type()
                    + "' connection; name a postgres connection");
        }
        String where = "connection '" + named.name() + "'";
        PostgresConnectionOptions options = Options.bind(named.options(), PostgresConnectionOptions.class, where).validate(where);
        String schema = pattern.schema().orElse(options.schema != null ? options.schema : "public");
        String place = "schema '" + schema + "' through " + where + " (" + options.address() + ")";
        try (Connection connection = PostgresConnection.dataSource(options).getConnection()) {
            List<String> entities = list(connection, schema, pattern);
            if (entities.isEmpty() && !schemaExists(connection, schema)) {
                throw new ConfigException("there is no " + place + "; fix the home's table pattern '" + table
                        + "' or the connection's database");
            }
            return entities;
        } catch (SQLException e) {
            throw new ConfigException("cannot list the tables of " + place + ": "
                    + PostgresConnection.sentence(Secrets.maskText(String.valueOf(e.getMessage())))
                    + " Check host, port, database, the network and the credentials", e);
        }
    }

    static List<String> list(Connection connection, String schema, TablePattern pattern) throws SQLException {
        String sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type IN ('BASE TABLE', 'VIEW') AND table_name NOT LIKE ? AND table_name <> ? ORDER BY table_name";
        List<String> entities = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, schema);
            st.setString(2, SqlDialect.STAGING_PREFIX.replace("_", "\\_") + "%");
            st.setString(3, StateSql.TABLE);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    pattern.entity(rows.getString(1)).ifPresent(entities::add);
                }
            }
        }
        entities.sort(null);
        return entities;
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
