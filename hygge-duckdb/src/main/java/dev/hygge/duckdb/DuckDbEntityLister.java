package dev.hygge.duckdb;

import dev.hygge.spi.ConfigException;
import dev.hygge.config.EntityLister;
import dev.hygge.jdbc.StateSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the tables and views of the schema a {@code duckdb} Home's {@code table} pattern names,
 * for {@code entities: "*"}: {@code table: "raw.{entity}"} lists schema {@code raw},
 * {@code table: "{entity}"} lists {@code main}. The database (the Home's {@code path}, or the
 * {@code path} of its named {@code duckdb} connection) is opened read-only just for the listing.
 *
 * <pre>{@code
 * flows:
 *   export:
 *     home: {type: duckdb, path: warehouse.duckdb, table: "raw.{entity}"}
 *     store: lake/
 *     entities: "*"
 *     exclude: ["tmp_*"]
 * }</pre>
 */
public final class DuckDbEntityLister implements EntityLister {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEntityLister.class);

    static final String SQL = "SELECT table_name FROM information_schema.tables"
            + " WHERE table_catalog = coalesce(?, current_database()) AND table_schema = ?"
            + " AND table_type IN ('BASE TABLE', 'VIEW')"
            // staging tables of table writes (an interrupted write may leave one) and the state table are not entities
            + " AND table_name NOT LIKE 'hygge\\_stage\\_%' ESCAPE '\\' AND table_name <> '" + StateSql.TABLE + "'"
            + " ORDER BY table_name";

    @Override
    public String homeType() {
        return "duckdb";
    }

    @Override
    public List<String> entities(Source source) {
        Map<String, Object> home = source.home();
        if (!(home.get("table") instanceof String table)) {
            throw new ConfigException("entities: \"*\" lists the tables of the schema in the home's table pattern, but this"
                    + " duckdb home has " + (home.get("query") != null ? "only a query" : "no table")
                    + "; add table: \"<schema>.{entity}\" or list the entities by name: entities: [a, b]");
        }
        TablePattern pattern = TablePattern.parse(table);
        String path = path(source);
        String schema = pattern.schema().orElse("main");
        List<String> entities = new ArrayList<>();
        try (DuckDbDatabase db = DuckDbDatabase.open("entities", path, true);
             Connection connection = db.duplicate();
             PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, pattern.catalog().orElse(null));
            statement.setString(2, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pattern.entity(rows.getString(1)).ifPresent(entities::add);
                }
            }
            if (entities.isEmpty() && !schemaExists(connection, pattern.catalog(), schema)) {
                throw new ConfigException("DuckDB database " + path + " has no schema '" + schema + "'; fix the home's table"
                        + " pattern '" + table + "' or create the schema");
            }
        } catch (SQLException e) {
            throw new ConfigException("cannot list the tables of schema '" + schema + "' in DuckDB database " + path + ": "
                    + DuckDbDialect.firstLine(e), e);
        }
        LOG.debug("DuckDB database {} schema {}: {} entities", path, schema, entities.size());
        return entities;
    }

    private static boolean schemaExists(Connection connection, Optional<String> catalog, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM information_schema.schemata"
                + " WHERE catalog_name = coalesce(?, current_database()) AND schema_name = ?")) {
            statement.setString(1, catalog.orElse(null));
            statement.setString(2, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    private static String path(Source source) {
        Object path = source.home().get("path");
        if (path == null && source.connection().isPresent()) {
            EntityLister.NamedConnection connection = source.connection().get();
            if (!connection.type().equals("duckdb")) {
                throw new ConfigException("connection '" + connection.name() + "' of the duckdb home is a '" + connection.type()
                        + "' connection; name a duckdb connection");
            }
            path = connection.options().get("path");
        }
        if (!(path instanceof String text) || text.isBlank() || text.equals(DuckDbDatabase.MEMORY)) {
            throw new ConfigException("entities: \"*\" lists the tables of a DuckDB database file, but the duckdb home has "
                    + (path == null ? "no path or connection" : "the in-memory database") + "; give it path: <file>.duckdb");
        }
        if (!Files.isRegularFile(Path.of(text))) {
            throw new ConfigException("entities: \"*\" lists the tables of DuckDB database " + text + ", which does not exist;"
                    + " create it or fix the path");
        }
        return text;
    }
}
