package dev.hygge.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriterLease;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blob lease on the destination's lock blob: 60 seconds, renewed every 20; who holds it is
 * written into the blob's metadata (under the lease) so a writer that waits in vain names it. A
 * holder that dies stops renewing, and the lease lapses within a minute.
 */
final class AzureLease implements WriterLease {
    private static final Logger LOG = LoggerFactory.getLogger(AzureLease.class);
    static final int SECONDS = 60;
    private static final Duration POLL = Duration.ofMillis(250);

    private final BlobLeaseClient lease;
    private final String where;
    private final ScheduledExecutorService renewal;
    private volatile String lost;
    private volatile long renewed = System.nanoTime();
    private boolean closed;

    private AzureLease(BlobLeaseClient lease, String where) {
        this.lease = lease;
        this.where = where;
        this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hygge-azure-lease " + where);
            t.setDaemon(true);
            return t;
        });
        renewal.scheduleWithFixedDelay(this::renew, SECONDS / 3, SECONDS / 3, TimeUnit.SECONDS);
    }

    static AzureLease acquire(BlobClient blob, AzureLocation location, DestinationLock.Holder holder, Duration wait) {
        String where = location.blobEndpoint() + "/" + location.container() + "/" + blob.getBlobName();
        try {
            blob.upload(BinaryData.fromBytes(new byte[0]), false);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {   // exists (or leased): fine
                throw AzureErrors.of("creating the lock", location, blob.getBlobName(), e);
            }
        }
        BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                String id = lease.acquireLease(SECONDS);
                try {
                    blob.setMetadataWithResponse(Map.of("hygge_run", holder.runId(), "hygge_flow", safe(holder.flow()),
                            "hygge_process", safe(ManagementFactory.getRuntimeMXBean().getName()),
                            "hygge_since", Instant.now().toString()), new BlobRequestConditions().setLeaseId(id), null, null);
                } catch (BlobStorageException e) {
                    LOG.debug("{} - could not write the holder into the lock's metadata: {}", where, e.getMessage());
                }
                return new AzureLease(lease, where);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 409) {
                    throw AzureErrors.of("leasing", location, blob.getBlobName(), e);
                }
            }
            if (System.nanoTime() >= deadline) {
                String by;
                try {
                    Map<String, String> m = blob.getProperties().getMetadata();
                    by = "run " + m.getOrDefault("hygge_run", "?") + ", flow " + m.getOrDefault("hygge_flow", "?")
                            + ", process " + m.getOrDefault("hygge_process", "?") + ", since " + m.getOrDefault("hygge_since", "?");
                } catch (BlobStorageException e) {
                    by = "holder unknown";
                }
                throw new StoreException(where + " is leased by another writer (" + by + "); waited " + wait.toSeconds()
                        + "s. One writer per destination: wait for it, or, if it died, its lease lapses within "
                        + SECONDS + "s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the lease on " + where, e);
            }
        }
    }

    /** Metadata values are ASCII. */
    private static String safe(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private void renew() {
        try {
            lease.renewLease();
            renewed = System.nanoTime();
        } catch (RuntimeException e) {
            if (System.nanoTime() - renewed > Duration.ofSeconds(SECONDS).toNanos()
                    || (e instanceof BlobStorageException b && b.getStatusCode() == 409)) {
                lost = "not renewed (" + e.getMessage().lines().findFirst().orElse("") + ")";
                renewal.shutdown();
            } else {
                LOG.warn("{} - lease renewal failed, retrying: {}", where, e.getMessage());
            }
        }
    }

    @Override
    public void check() {
        if (lost != null) {
            throw new StoreException("the lease on " + where + " was lost: " + lost + "; nothing was committed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewal.shutdownNow();
        try {
            lease.releaseLease();
        } catch (RuntimeException e) {
            LOG.warn("{} - could not release the lease ({}); it lapses within {}s", where, e.getMessage(), SECONDS);
        }
    }
}
