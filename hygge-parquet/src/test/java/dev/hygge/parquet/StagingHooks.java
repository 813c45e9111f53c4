package dev.hygge.parquet;

/** Sets the commit protocol's test hooks from outside the package (the fault child runs in a package of its own). */
public final class StagingHooks {
    private StagingHooks() {}

    /** Runs {@code hook} when a commit begins, before its journal is written. */
    public static void beforeCommit(Runnable hook) {
        Staging.beforeCommit = hook;
    }

    /** Runs {@code hook} after each rename of a commit. */
    public static void afterRename(Runnable hook) {
        Staging.afterRename = hook;
    }
}
