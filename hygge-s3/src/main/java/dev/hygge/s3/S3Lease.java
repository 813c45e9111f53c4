package dev.hygge.s3;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectExistsException;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriterLease;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A lock object: created with {@code If-None-Match: *} (one creator wins), rewritten every third of
 * its time to live with {@code If-Match: <its ETag>} (a heartbeat that fails once another took it),
 * deleted on release. A lock whose last heartbeat is older than its time to live belonged to a
 * dead run: a waiter takes it over with {@code If-Match: <the stale ETag>}, so of two waiters only
 * one wins.
 */
final class S3Lease implements WriterLease {
    private static final Logger LOG = LoggerFactory.getLogger(S3Lease.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final S3Client s3;
    private final Duration ttl;
    private final S3Location location;
    private final String key;
    private final byte[] body;
    private final ScheduledExecutorService heartbeat;
    private volatile String etag;
    private volatile String lost;
    private volatile long renewed = System.nanoTime();
    private boolean closed;

    private S3Lease(S3Client s3, Duration ttl, S3Location location, String key, byte[] body, String etag) {
        this.s3 = s3;
        this.ttl = ttl;
        this.location = location;
        this.key = key;
        this.body = body;
        this.etag = etag;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hygge-s3-lock " + location.bucket() + "/" + key);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    static S3Lease acquire(S3Client s3, Duration ttl, S3Location location, String key, DestinationLock.Holder holder,
            Duration wait) {
        byte[] body = ("run " + holder.runId() + "\nflow " + holder.flow() + "\nprocess "
                + ManagementFactory.getRuntimeMXBean().getName() + "\nsince " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String tag = tryCreate(s3, location, key, body);
            if (tag != null) {
                return new S3Lease(s3, ttl, location, key, body, tag);
            }
            String holderText = "";
            try {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(key));
                holderText = describe(s3, location, key);
                if (head.lastModified().plus(ttl).isBefore(Instant.now())) {
                    LOG.info("s3://{}/{} - taking over a lock not renewed for {}s (its holder stopped): {}",
                            location.bucket(), key, ttl.toSeconds(), holderText);
                    String taken = tryPut(s3, location, key, body, b -> b.ifMatch(head.eTag()));
                    if (taken != null) {
                        return new S3Lease(s3, ttl, location, key, body, taken);
                    }
                }
            } catch (NoSuchKeyException e) {
                continue;                                           // released meanwhile: try again at once
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw S3Errors.of("reading the lock", location, key, e);
                }
                continue;
            }
            if (System.nanoTime() >= deadline) {
                throw new StoreException("s3://" + location.bucket() + "/" + key + " is held by another writer ("
                        + holderText.replace('\n', ' ').trim() + "); waited " + wait.toSeconds() + "s. One writer per"
                        + " destination: wait for it to finish, or, if it died, its lock lapses " + ttl.toSeconds()
                        + "s after its last heartbeat");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for s3://" + location.bucket() + "/" + key, e);
            }
        }
    }

    private static String tryCreate(S3Client s3, S3Location location, String key, byte[] body) {
        return tryPut(s3, location, key, body, b -> b.ifNoneMatch("*"));
    }

    /** The new ETag, or null when the condition did not hold. */
    private static String tryPut(S3Client s3, S3Location location, String key, byte[] body,
            java.util.function.Consumer<PutObjectRequest.Builder> condition) {
        try {
            PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(location.bucket()).key(key);
            condition.accept(b);
            return s3.putObject(b.build(), RequestBody.fromBytes(body)).eTag();
        } catch (SdkException e) {
            RuntimeException mapped = S3Errors.of("writing the lock", location, key, e);
            if (mapped instanceof ObjectExistsException
                    || (e instanceof S3Exception s && (s.statusCode() == 409 || s.statusCode() == 404))) {
                return null;
            }
            throw mapped;
        }
    }

    private static String describe(S3Client s3, S3Location location, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(key)).asUtf8String();
        } catch (SdkException e) {
            return "holder unknown";
        }
    }

    private void beat() {
        try {
            String tag = tryPut(s3, location, key, body, b -> b.ifMatch(etag));
            if (tag == null) {
                lost = "its heartbeat found the lock changed (taken over after " + ttl.toSeconds() + "s without renewal?)";
                heartbeat.shutdown();
            } else {
                etag = tag;
                renewed = System.nanoTime();
            }
        } catch (RuntimeException e) {
            if (System.nanoTime() - renewed > ttl.toNanos()) {
                lost = "not renewed for " + ttl.toSeconds() + "s (" + e.getMessage() + ")";
                heartbeat.shutdown();
            } else {
                LOG.warn("s3://{}/{} - lock heartbeat failed, retrying: {}", location.bucket(), key, e.getMessage());
            }
        }
    }

    @Override
    public void check() {
        if (lost != null) {
            throw new StoreException("the lock s3://" + location.bucket() + "/" + key + " was lost: " + lost
                    + "; nothing was committed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdownNow();
        if (lost == null) {
            try {
                s3.deleteObject(b -> b.bucket(location.bucket()).key(key));
            } catch (SdkException e) {
                LOG.warn("s3://{}/{} - could not remove the lock ({}); it lapses after {}s", location.bucket(), key,
                        e.getMessage(), ttl.toSeconds());
            }
        }
    }
}
