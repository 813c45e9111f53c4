package dev.hygge.spi;

import java.util.List;

/**
 * What a Store's write would do, decided before any row is written: for people, a few lines; for
 * programs, the statements it would run on the destination. A Store's own plan type says more
 * (a table Store's {@code dev.hygge.jdbc.TablePlan}: the columns, their types and why).
 *
 * <pre>{@code
 * WritePlan plan = planner.planWrite(request);
 * System.out.println(plan.describe());
 * plan.statements().forEach(System.out::println);     // CREATE TABLE "main"."orders" (...)
 * }</pre>
 *
 * @since 0.1
 */
public interface WritePlan {
    /** Several lines: the destination, what happens to it, and why. */
    String describe();

    /**
     * The statements the write would run on the destination before loading rows (a new table's
     * CREATE, the ALTERs of schema evolution), in order; empty when there are none. Statements of
     * the write's own machinery (staging) are not listed.
     */
    List<String> statements();
}
