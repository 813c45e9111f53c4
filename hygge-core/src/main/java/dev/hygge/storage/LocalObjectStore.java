package dev.hygge.storage;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectExistsException;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Local disk as an {@link ObjectStore}: a folder whose files are the objects, keys their paths
 * below it. Hierarchical, with atomic renames (one file system); the lease is a
 * {@link DestinationLock}. What a location without a URL scheme opens, so local paths behave as
 * they always did.
 *
 * @since 0.4
 */
public final class LocalObjectStore implements ObjectStore {
    private final Path root;

    public LocalObjectStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** The folder the keys are relative to. */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public boolean hierarchical() {
        return true;
    }

    @Override
    public boolean atomicRename() {
        return true;
    }

    private Path path(String key) {
        return root.resolve(ObjectKeys.check(key));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        ObjectKeys.checkPrefix(prefix);
        int cut = prefix.lastIndexOf('/');
        Path start = cut < 0 ? root : root.resolve(prefix.substring(0, cut));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (a.isRegularFile() && key.startsWith(prefix)) {
                    out.add(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()));
                }
            }
        } catch (NoSuchFileException e) {
            // removed while listing: what remains is listed
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + start, e);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path p = path(key);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + p, e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        Path p = path(key);
        try {
            FileChannel channel = FileChannel.open(p, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return length == Long.MAX_VALUE ? in : new BoundedInputStream(in, length);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + p, e);
        }
    }

    @Override
    public void upload(Path file, String key, WriteMode mode) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.copy(file, temp);
            publish(temp, target, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    @Override
    public void put(byte[] content, String key, WriteMode mode) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(temp, content);
            publish(temp, target, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    /** Moves a finished temp file into place: whole or not at all; CREATE_NEW by a hard link, which fails on an existing name. */
    private void publish(Path temp, Path target, WriteMode mode) throws IOException {
        try {
            if (mode == WriteMode.OVERWRITE) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, target);           // no hard links here: a move that refuses an existing name
            }
        } catch (FileAlreadyExistsException e) {
            throw new ObjectExistsException(target + " exists already", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path(key), e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        ObjectStore.super.deletePrefix(prefix);
        if (prefix.endsWith("/") && prefix.length() > 1) {
            Path folder = root.resolve(ObjectKeys.checkPrefix(prefix));
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + folder, e);
            }
        }
    }

    @Override
    public void copy(String from, String to) {
        Path target = path(to);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.copy(path(from), temp);
            publish(temp, target, WriteMode.OVERWRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + path(from) + " to " + target, e);
        }
    }

    @Override
    public void rename(String from, String to) {
        Path target = path(to);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                throw new ObjectExistsException(target + " exists already");
            }
            Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rename " + path(from) + " to " + target, e);
        }
    }

    @Override
    public WriterLease lease(String key, DestinationLock.Holder holder, Duration wait) {
        Path file = path(key);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("could not create " + file.getParent() + " for the lock: " + e.getMessage(), e);
        }
        DestinationLock lock = DestinationLock.acquire(file.getParent().toString(), file, holder, wait);
        return new WriterLease() {
            @Override
            public void check() {}

            @Override
            public void close() {
                lock.close();
            }
        };
    }

    @Override
    public void close() {}
}
