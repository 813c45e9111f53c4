package dev.hygge.jdbc;

import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.SupportsEngineWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link BulkLoader} that also loads an {@link EngineRelation} of its own database's engine
 * straight into a table ({@code INSERT INTO t (...) SELECT * FROM (relation)}), without an Arrow
 * hand-off: a {@link TableStore} whose loader is one takes relations ({@link SupportsEngineWrite}),
 * and its {@link TableWriter}'s writes load them where they would load a stream (staging or the
 * table), under the same plan, lock and commit.
 *
 * @since 0.3
 */
public interface RelationLoader extends BulkLoader {
    /** Why relations of {@code engine} cannot be loaded by this loader; empty when they can. */
    Optional<String> whyNoRelation(String engine);

    /**
     * Loads every row of {@code relation} into {@code table}.
     *
     * @param connection a connection of this load alone, in auto-commit mode, or the write's own
     *     inside its transaction
     * @param columns the table's column names that the relation's columns fill, in order
     * @return the rows loaded
     */
    long load(Connection connection, TableName table, List<String> columns, EngineRelation relation,
              SupportsEngineWrite.Progress progress) throws SQLException;

    /**
     * Why this loader cannot track a watermark while loading relations of {@code engine}
     * ({@link #load(Connection, TableName, List, EngineRelation, EngineWatermark, SupportsEngineWrite.Progress)});
     * empty when it can. By default it cannot.
     *
     * @since 0.4
     */
    default Optional<String> whyNoWatermark(String engine) {
        return Optional.of("its loader cannot track a watermark inside " + engine);
    }

    /**
     * Loads {@code relation} into {@code table} without the rows whose watermark is NULL (unless
     * {@link EngineWatermark#loadNulls()}), and returns what the load saw of the watermark, over
     * the same rows as the load (one snapshot of the engine).
     *
     * @since 0.4
     */
    default EngineWatermark.Seen load(Connection connection, TableName table, List<String> columns, EngineRelation relation,
                                      EngineWatermark watermark, SupportsEngineWrite.Progress progress) throws SQLException {
        throw new UnsupportedOperationException(whyNoWatermark("this engine").orElse("the loader cannot track a watermark"));
    }
}
