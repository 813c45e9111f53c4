package dev.hygge.spi;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link Home} that can describe its splits as a query of the engine it reads them with
 * ({@link EngineRelation}), so that a Store on the same engine ({@link SupportsEngineWrite}) copies
 * the rows inside that engine, skipping the Arrow hand-off. The engine chooses that path by itself
 * when both sides name the same engine and nothing of the flow needs Arrow batches; otherwise it
 * reads the splits with {@link Home#open} as always.
 *
 * <pre>{@code
 * if (home instanceof SupportsEngineRelation relations && relations.whyNoRelation().isEmpty()) {
 *     EngineRelation relation = relations.relation(home.splits());
 * }
 * }</pre>
 *
 * @since 0.3
 */
public interface SupportsEngineRelation {
    /** The engine the relations run on, e.g. {@code duckdb}. */
    String engine();

    /**
     * Why this Home's rows cannot be offered as a relation now (an option only its Arrow read
     * applies, such as skipping bad CSV rows); empty when they can.
     */
    default Optional<String> whyNoRelation() {
        return Optional.empty();
    }

    /**
     * Whether the relations this Home makes now can be cut into consecutive relations of a given
     * number of rows ({@link EngineRelation#slices}), which rows those are known before any is read:
     * a Store that cuts its files by rows takes relations only then. By default not.
     *
     * @since 0.8
     */
    default boolean slicesByRows() {
        return false;
    }

    /**
     * The rows of {@code splits} (some of {@link Home#splits()}, in that order), as the Home would
     * read them now (after {@link SupportsIncremental#restrict}), as one relation whose schema is
     * the one {@link Home#open} gives.
     */
    EngineRelation relation(List<Split> splits);

    /**
     * Whether reading the relations is most of a copy's cost (parsing text: CSV, NDJSON), so that one engine
     * parsing and writing in-engine is slower than the Arrow path, where the Home's engine parses while the
     * Store's writes. The engine then keeps the Arrow path unless the flow asks for in-engine
     * ({@code Flow.Builder#enginePath}).
     *
     * @since 0.7
     */
    default boolean readsAreTheCost() {
        return false;
    }

    /**
     * The schema {@link Home#open} gives every split, exactly, when the Home knows it without opening
     * one (a DuckDB query described when the Home was made); empty when only an open split tells it
     * (parquet footers add what the export lacks). With it, an in-engine flow whose Store reads no
     * sample opens no split before the engine copies the rows (which ran the Home's query twice).
     *
     * @since 0.5
     */
    default Optional<Schema> knownSchema() {
        return Optional.empty();
    }
}
