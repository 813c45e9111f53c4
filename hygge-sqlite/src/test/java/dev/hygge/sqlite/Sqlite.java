package dev.hygge.sqlite;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;

/** Test helpers: a runtime with the SQLite plugins. */
final class Sqlite {
    private Sqlite() {}

    static Hygge runtime() {
        return Hygge.builder().plugins(Plugins.builder().home(new SqliteHomeFactory()).store(new SqliteStoreFactory()).build()).progressInterval(null).build();
    }
}
