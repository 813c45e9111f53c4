package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Options;
import dev.hygge.config.EntityLister;
import dev.hygge.config.Secrets;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.StateSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the tables and views of the schema an {@code mssql} Home's {@code table} pattern names,
 * for {@code entities: "*"}: {@code table: "crm.{entity}"} lists schema {@code crm},
 * {@code table: "{entity}"} lists {@code dbo}, {@code table: "dw.crm.{entity}"} lists schema
 * {@code crm} of database {@code dw}. It logs in once through the Home's named {@code mssql}
 * connection (its server, database and auth) with a plain JDBC connection, reads
 * {@code INFORMATION_SCHEMA.TABLES} and closes it again.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: mssql, server: sql.example.com, database: analytics, auth: azure_default}
 * flows:
 *   crm:
 *     home: {type: mssql, connection: warehouse, table: "crm.{entity}"}
 *     store: lake/crm
 *     entities: "*"
 *     exclude: ["tmp_*"]
 * }</pre>
 */
public final class MssqlEntityLister implements EntityLister {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlEntityLister.class);
    static final String DEFAULT_SCHEMA = "dbo";

    private final BiFunction<String, MssqlConnectionOptions, DataSource> dataSources;

    public MssqlEntityLister() {
        this(MssqlDataSource::of);
    }

    /** A lister over other data sources (tests list H2 in SQL Server mode). */
    MssqlEntityLister(BiFunction<String, MssqlConnectionOptions, DataSource> dataSources) {
        this.dataSources = requireNonNull(dataSources, "dataSources is null");
    }

    @Override
    public String homeType() {
        return "mssql";
    }

    @Override
    public List<String> entities(Source source) {
        if (!(source.home().get("table") instanceof String table)) {
            throw new ConfigException("entities: \"*\" lists the tables of the schema in the home's table pattern, but this"
                    + " mssql home has " + (source.home().get("query") != null ? "only a query" : "no table")
                    + "; add table: \"<schema>.{entity}\" or list the entities by name: entities: [a, b]");
        }
        TablePattern pattern = TablePattern.parse(table);
        EntityLister.NamedConnection named = source.connection().orElseThrow(() -> new ConfigException(
                "entities: \"*\" lists the tables through the mssql home's connection, but it names none; add connection:"));
        if (!named.type().equals("mssql")) {
            throw new ConfigException("connection '" + named.name() + "' of the mssql home is a '" + named.type()
                    + "' connection; name an mssql connection");
        }
        String where = "connection '" + named.name() + "'";
        MssqlConnectionOptions options = Options.bind(named.options(), MssqlConnectionOptions.class, where).validate(where);
        String schema = pattern.schema().orElse(DEFAULT_SCHEMA);
        String place = "schema '" + schema + "'" + pattern.catalog().map(c -> " of database '" + c + "'").orElse("")
                + " through " + where + " (" + options.server + ":" + options.port
                + (options.database != null ? "/" + options.database : "") + ")";
        try (Connection connection = dataSources.apply(named.name(), options).getConnection()) {
            List<String> entities = list(connection, pattern);
            if (entities.isEmpty() && !schemaExists(connection, pattern)) {
                throw new ConfigException("there is no " + place + "; fix the home's table pattern '" + table
                        + "' or the connection's database");
            }
            LOG.debug("{}: {} entities", place, entities.size());
            return entities;
        } catch (SQLException e) {
            throw new ConfigException("cannot list the tables of " + place + ": "
                    + Secrets.maskText(String.valueOf(e.getMessage()))
                    + ". Check server, port, database, the network and the credentials", e);
        }
    }

    /** The entities of the tables and views the pattern matches, sorted by name. */
    static List<String> list(Connection connection, TablePattern pattern) throws SQLException {
        List<String> entities = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(tablesSql(pattern))) {
            statement.setString(1, pattern.schema().orElse(DEFAULT_SCHEMA));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pattern.entity(rows.getString(1)).ifPresent(entities::add);
                }
            }
        }
        entities.sort(null);                                  // the server's collation may ignore case; Java's order is stable
        return entities;
    }

    /**
     * The listing query: tables and views of one schema (parameter 1), in the pattern's database if it
     * names one, without the staging tables of table writes (an interrupted write may leave one).
     */
    static String tablesSql(TablePattern pattern) {
        return "SELECT TABLE_NAME FROM " + catalog(pattern) + "INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'VIEW')"
                + " AND TABLE_NAME NOT LIKE '" + SqlDialect.STAGING_PREFIX.replace("_", "\\_") + "%' ESCAPE '\\'"
                + " AND TABLE_NAME <> '" + StateSql.TABLE + "'";
    }

    static String schemaSql(TablePattern pattern) {
        return "SELECT COUNT(*) FROM " + catalog(pattern) + "INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?";
    }

    private static boolean schemaExists(Connection connection, TablePattern pattern) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(schemaSql(pattern))) {
            statement.setString(1, pattern.schema().orElse(DEFAULT_SCHEMA));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    private static String catalog(TablePattern pattern) {
        return pattern.catalog().map(c -> "[" + c.replace("]", "]]") + "].").orElse("");
    }
}
