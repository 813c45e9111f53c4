package dev.hygge.spi;

/**
 * A {@link Store} that can say what a write would do without writing (the table's columns, their
 * types and why, and the DDL), for {@code hygge debug} and dry runs. Its factory implements
 * {@link StoreFactory.PlansWrites}, so a caller knows before it creates the Store (creating one may
 * open a database) whether there is a plan to show.
 *
 * <pre>{@code
 * if (store instanceof SupportsWritePlan planner) {
 *     System.out.println(planner.describeWrite(request));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SupportsWritePlan {
    /**
     * What a write of {@code request} would do, as lines of text; reads the destination, writes
     * nothing. {@code request}'s sample is the one the engine would hand to
     * {@link Store#begin(WriteRequest)}; the caller keeps ownership of its batches.
     */
    String describeWrite(WriteRequest request);
}
