package dev.hygge.s3;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.ObjectStoreFactory;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import dev.hygge.storage.ObjectStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code spys3://<bucket>/<prefix>}: the S3 location behind it, with each upload and download first
 * measuring the local spool folder it comes from or goes to (the {@code hygge-spool-*} or
 * {@code hygge-read-*} temp folder holding the file): the peak number of non-empty data files (not
 * hygge's {@code _} files) and their bytes, which the spool tests bound. {@link #lag} slows every transfer, so that uploads lag the
 * encoder and back-pressure is what keeps the bound.
 */
public final class SpoolSpy implements ObjectStoreFactory {
    static final AtomicInteger peakFiles = new AtomicInteger();
    static final AtomicLong peakBytes = new AtomicLong();
    static final AtomicInteger transfers = new AtomicInteger();
    static volatile Duration lag = Duration.ZERO;
    /**
     * Whether an upload interrupted during its {@link #lag} behaves as an SDK whose call returns when
     * interrupted while its request goes on: the call fails at once, and the object lands 300 ms later.
     */
    static volatile boolean landsLateWhenInterrupted;
    private static final List<Thread> late = new java.util.concurrent.CopyOnWriteArrayList<>();

    static void reset(Duration slowdown) {
        peakFiles.set(0);
        peakBytes.set(0);
        transfers.set(0);
        lag = slowdown;
        landsLateWhenInterrupted = false;
        late.clear();
    }

    /** Waits for the uploads that land late to have landed. */
    static void awaitLate() throws InterruptedException {
        for (Thread t : late) {
            t.join(10_000);
        }
    }

    @Override
    public String name() {
        return "spys3";
    }

    @Override
    public String forms() {
        return "spys3://<bucket>/<prefix> (tests)";
    }

    @Override
    public boolean serves(URI location) {
        return "spys3".equals(location.getScheme());
    }

    @Override
    public Map<String, String> settings() {
        return new S3ObjectStoreFactory().settings();
    }

    @Override
    public void validate(URI location, Map<String, String> settings, OptionProblems problems) {
        new S3ObjectStoreFactory().validate(location, settings, problems);
    }

    @Override
    public ObjectStore open(URI location, Map<String, String> settings) {
        String real = location.toString().replaceFirst("^spys3:", "s3:");
        return new Spied(ObjectStores.open(real, settings), () -> ObjectStores.open(real, settings));
    }

    /**
     * Lags the upload of {@code file}; interrupted meanwhile, with {@link #landsLateWhenInterrupted}, fails the
     * call at once and lands the bytes it had taken (as a request already sent) 300 ms later.
     */
    private static void lagged(java.util.function.Supplier<ObjectStore> another, Path file, String key, WriteMode mode) {
        Path sent = null;
        try {
            if (landsLateWhenInterrupted) {
                sent = Files.createTempFile("hygge-late-", ".bin");
                Files.copy(file, sent, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Thread.sleep(lag.toMillis());
            if (sent != null) {
                Files.delete(sent);
            }
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (sent == null) {
                return;
            }
        }
        Path bytes = sent;
        Thread t = new Thread(() -> {
            try (ObjectStore s = another.get()) {     // the request already sent: the write's own client is closed by then
                Thread.sleep(300);
                s.upload(bytes, key, mode);
            } catch (InterruptedException | RuntimeException e) {
                throw new IllegalStateException("the late upload of " + key + " failed", e);
            } finally {
                bytes.toFile().delete();
            }
        });
        late.add(t);
        t.start();
        throw new dev.hygge.spi.StoreException("upload of " + key + " interrupted (its request goes on)");
    }

    /** Measures the spool folder {@code file} lies in (its nearest {@code hygge-spool-}/{@code hygge-read-} ancestor). */
    static void measure(Path file) {
        Path root = file.toAbsolutePath();
        while (root != null && !(root.getFileName() != null && (root.getFileName().toString().startsWith("hygge-spool-")
                || root.getFileName().toString().startsWith("hygge-read-")))) {
            root = root.getParent();
        }
        if (root == null) {
            return;
        }
        int files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                try {
                    // data files only: the local lock file holds its holder's line, the local journal its moves
                    long size = Files.isRegularFile(p) && !p.getFileName().toString().startsWith("_") ? Files.size(p) : 0;
                    if (size > 0) {
                        files++;
                        bytes += size;
                    }
                } catch (IOException e) {
                    // renamed or removed meanwhile
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return;                                                  // the folder changed under the walk
        }
        int f = files;
        long b = bytes;
        peakFiles.accumulateAndGet(f, Math::max);
        peakBytes.accumulateAndGet(b, Math::max);
    }

    private static void slow() {
        try {
            Thread.sleep(lag.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Spied(ObjectStore s, java.util.function.Supplier<ObjectStore> another) implements ObjectStore {
        @Override
        public String describe() {
            return s.describe();
        }

        @Override
        public boolean hierarchical() {
            return s.hierarchical();
        }

        @Override
        public boolean atomicRename() {
            return s.atomicRename();
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            return s.list(prefix);
        }

        @Override
        public Optional<ObjectInfo> stat(String key) {
            return s.stat(key);
        }

        @Override
        public InputStream open(String key, long offset, long length) {
            return s.open(key, offset, length);
        }

        @Override
        public void download(String key, Path file) {
            transfers.incrementAndGet();
            measure(file);
            slow();
            s.download(key, file);
            measure(file);
        }

        @Override
        public void upload(Path file, String key, WriteMode mode) {
            transfers.incrementAndGet();
            measure(file);
            lagged(another, file, key, mode);
            s.upload(file, key, mode);
            measure(file);
        }

        @Override
        public void put(byte[] content, String key, WriteMode mode) {
            s.put(content, key, mode);
        }

        @Override
        public void delete(String key) {
            s.delete(key);
        }

        @Override
        public void deletePrefix(String prefix) {
            s.deletePrefix(prefix);
        }

        @Override
        public void copy(String from, String to) {
            s.copy(from, to);
        }

        @Override
        public void rename(String from, String to) {
            s.rename(from, to);
        }

        @Override
        public WriterLease lease(String key, DestinationLock.Holder holder, Duration wait) {
            return s.lease(key, holder, wait);
        }

        @Override
        public void close() {
            s.close();
        }
    }
}
