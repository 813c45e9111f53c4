package dev.hygge.storage;

import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.WriterLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a commit that stages its files under a run folder in an object store ends: {@link ObjectCommit}
 * and the Open Mirroring commit of hygge-parquet close the same way.
 *
 * <pre>{@code
 * StagedRun.end(store, "orders/_hygge_staging/run-1/", committed, lease);   // in close()
 * }</pre>
 *
 * @since 0.4
 */
public final class StagedRun {
    private static final Logger LOG = LoggerFactory.getLogger(StagedRun.class);

    private StagedRun() {
    }

    /**
     * Removes the run's staged files unless it committed, then releases the lease whatever happened.
     * A removal that fails is logged, not thrown: the next run under the lease removes them.
     *
     * @param runFolder the run folder's key prefix relative to the store's root, ending in {@code /}
     */
    public static void end(ObjectStore store, String runFolder, boolean committed, WriterLease lease) {
        try {
            if (!committed) {
                store.deletePrefix(runFolder);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} - could not remove the staged files of an uncommitted run under {}: the next run removes them ({})",
                    store.describe(), runFolder, e.toString());
        } finally {
            lease.close();
        }
    }
}
