package dev.hygge.spi;

/**
 * A {@link Store} that can say what a write would do without writing (a table Store: the table's
 * columns, their types and why, and the DDL), for {@code hygge debug} and dry runs
 * ({@code Hygge.plan}). Its factory implements {@link StoreFactory.PlansWrites}, so a caller knows
 * before it creates the Store (creating one may open a database) whether there is a plan to show.
 *
 * <pre>{@code
 * if (store instanceof SupportsWritePlan planner) {
 *     WritePlan plan = planner.planWrite(request);
 *     System.out.println(plan.describe());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SupportsWritePlan {
    /**
     * What a write of {@code request} would do; reads the destination, writes nothing and takes no
     * lock. {@code request}'s sample is the one the engine would hand to
     * {@link Store#begin(WriteRequest)}; the caller keeps ownership of its batches. A write begun
     * with the same request on the same destination does what this plan says.
     */
    WritePlan planWrite(WriteRequest request);

    /** {@link #planWrite}, as lines of text. */
    default String describeWrite(WriteRequest request) {
        return planWrite(request).describe();
    }
}
