package dev.hygge.jdbc;

import dev.hygge.spi.Store;
import dev.hygge.spi.WriteRequest;

/**
 * A Store that writes a SQL table and can say what it would do without writing: the table's
 * columns, their types and why, and the DDL. {@code hygge debug} and dry runs ask for it.
 *
 * <pre>{@code
 * if (store instanceof TableStore table) {
 *     System.out.println(table.plan(request).describe());
 * }
 * }</pre>
 */
public interface TableStore extends Store {
    /** What a write of {@code request} would do; reads the database, writes nothing. */
    TablePlan plan(WriteRequest request);
}
