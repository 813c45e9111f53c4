package dev.hygge.config;

import dev.hygge.spi.ConfigException;
import java.util.Arrays;
import java.util.List;

/**
 * A test lister (home type {@code catalog}) that lists the comma-separated {@code tables} of the
 * Home's named connection in the schema of the Home's {@code table} pattern, the way a SQL lister
 * lists a schema.
 */
public final class CatalogEntityLister implements EntityLister {
    @Override
    public String homeType() {
        return "catalog";
    }

    @Override
    public List<String> entities(Source source) {
        EntityLister.NamedConnection connection = source.connection()
                .orElseThrow(() -> new ConfigException("a catalog home needs connection:"));
        if (!connection.type().equals("catalog")) {
            throw new ConfigException("connection '" + connection.name() + "' is a " + connection.type() + ", not a catalog");
        }
        String table = String.valueOf(source.home().get("table"));
        String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : "main";
        String tables = String.valueOf(connection.options().get("tables"));
        if (tables.isEmpty()) {
            throw new ConfigException("schema '" + schema + "' does not exist");
        }
        return Arrays.stream(tables.split(",")).filter(t -> t.startsWith(schema + ".")).map(t -> t.substring(schema.length() + 1))
                .sorted().toList();
    }
}
