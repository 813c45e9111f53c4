package dev.hygge.sqlite;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Creates {@link SqliteHome}s: type {@code sqlite}.
 *
 * <pre>{@code
 * home: {type: sqlite, path: data/app.db, query: "SELECT id, total FROM orders"}
 * }</pre>
 */
public final class SqliteHomeFactory implements HomeFactory<SqliteHomeOptions>, HomeFactory.ReadsIncrementally {
    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public Class<SqliteHomeOptions> optionsType() {
        return SqliteHomeOptions.class;
    }

    @Override
    public void validate(SqliteHomeOptions options, OptionProblems problems) {
        options.check(problems);
    }

    /** A Home never creates a database: a missing file is an error naming it (SQLite would make an empty one). */
    @Override
    public Home create(SqliteHomeOptions options, HyggeContext context) {
        if (!Files.isRegularFile(Path.of(options.path))) {
            throw new dev.hygge.spi.HomeException("Home 'sqlite': database file " + options.path + " does not exist"
                    + " (resolved: " + SqliteFile.canonical(options.path) + "); check path");
        }
        return new SqliteHome(options, SqliteFile.of(options.path, options.busyTimeoutMs));
    }

    @Override
    public List<Set<String>> alternatives() {
        return List.of(Set.of("table", "query"));
    }
}
