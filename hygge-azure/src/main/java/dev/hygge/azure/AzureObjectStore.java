package dev.hygge.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An Azure location through the Blob API (every account, Azurite too) and, where the namespace is
 * hierarchical (ADLS Gen2, OneLake), the DFS API's atomic rename. Uploads go in blocks sent in
 * parallel ({@code uploadFromFile}: the blob appears only when its block list is committed);
 * conditional creates use {@code If-None-Match: *}; the one-writer hold is a blob lease
 * ({@link AzureLease}).
 */
final class AzureObjectStore implements ObjectStore {
    private final AzureLocation location;
    private final AzureSettings settings;
    private final BlobContainerClient container;
    private final DataLakeFileSystemClient dfs;
    private final boolean hierarchical;

    AzureObjectStore(AzureLocation location, AzureSettings settings) {
        this(location, settings, AzureClients.http());
    }

    /** With the HTTP client given: what a test of the requests sent uses. */
    AzureObjectStore(AzureLocation location, AzureSettings settings, HttpClient http) {
        this.location = location;
        this.settings = settings;
        this.container = AzureClients.blob(location, settings, http);
        this.hierarchical = settings.hierarchical() != null ? settings.hierarchical() : location.hierarchical();
        this.dfs = hierarchical && location.dfsEndpoint() != null ? AzureClients.dfs(location, settings, http) : null;
    }

    private String full(String key) {
        return location.prefix() + ObjectKeys.check(key);
    }

    private BlobClient blob(String key) {
        return container.getBlobClient(full(key));
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public boolean hierarchical() {
        return hierarchical;
    }

    @Override
    public boolean atomicRename() {
        return dfs != null;
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String from = location.prefix() + ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(from), null)) {
                if (Boolean.TRUE.equals(item.isPrefix()) || item.getProperties() == null) {
                    continue;
                }
                Long size = item.getProperties().getContentLength();
                if (hierarchical && size != null && size == 0 && isFolder(item)) {
                    continue;                                       // a folder of the hierarchical namespace
                }
                out.add(new ObjectInfo(item.getName().substring(location.prefix().length()), size == null ? 0 : size,
                        item.getProperties().getLastModified() == null ? Instant.EPOCH
                                : item.getProperties().getLastModified().toInstant()));
            }
        } catch (RuntimeException e) {
            throw AzureErrors.of("listing", location, from, e);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    private static boolean isFolder(BlobItem item) {
        return item.getMetadata() != null && "true".equalsIgnoreCase(item.getMetadata().get("hdi_isfolder"));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        try {
            BlobProperties p = blob(key).getProperties();
            return Optional.of(new ObjectInfo(key, p.getBlobSize(), p.getLastModified().toInstant()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 && !"ContainerNotFound".equals(String.valueOf(e.getErrorCode()))) {
                return Optional.empty();
            }
            throw AzureErrors.of("reading", location, full(key), e);
        } catch (RuntimeException e) {
            throw AzureErrors.of("reading", location, full(key), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            return blob(key).openInputStream(new BlobRange(offset, length == Long.MAX_VALUE ? null : length), null);
        } catch (RuntimeException e) {
            throw AzureErrors.of("reading", location, full(key), e);
        }
    }

    @Override
    public void download(String key, Path file) {
        try {
            blob(key).downloadToFile(file.toString(), true);
        } catch (RuntimeException e) {
            throw AzureErrors.of("downloading", location, full(key), e);
        }
    }

    private BlobRequestConditions conditions(WriteMode mode) {
        return mode == WriteMode.CREATE_NEW ? new BlobRequestConditions().setIfNoneMatch("*") : null;
    }

    private ParallelTransferOptions transfer() {
        return new ParallelTransferOptions().setBlockSizeLong(settings.blockSize())
                .setMaxSingleUploadSizeLong(settings.blockSize()).setMaxConcurrency(settings.uploadThreads());
    }

    @Override
    public void upload(Path file, String key, WriteMode mode) {
        try {
            blob(key).uploadFromFileWithResponse(new BlobUploadFromFileOptions(file.toString())
                    .setParallelTransferOptions(transfer()).setRequestConditions(conditions(mode)), null, null);
        } catch (RuntimeException e) {
            throw AzureErrors.of("uploading", location, full(key), e);
        }
    }

    @Override
    public void put(byte[] content, String key, WriteMode mode) {
        try {
            blob(key).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                    .setRequestConditions(conditions(mode)), null, null);
        } catch (RuntimeException e) {
            throw AzureErrors.of("writing", location, full(key), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            blob(key).deleteIfExists();
        } catch (RuntimeException e) {
            throw AzureErrors.of("deleting", location, full(key), e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        ObjectStore.super.deletePrefix(prefix);
        if (dfs != null && prefix.endsWith("/") && prefix.length() > 1) {
            String folder = location.prefix() + ObjectKeys.checkPrefix(prefix);
            try {
                dfs.getDirectoryClient(folder.substring(0, folder.length() - 1)).deleteIfExistsWithResponse(
                        new com.azure.storage.file.datalake.options.DataLakePathDeleteOptions().setIsRecursive(true), null, null);
            } catch (RuntimeException e) {
                throw AzureErrors.of("removing the folder", location, folder, e);
            }
        }
    }

    @Override
    public void copy(String from, String to) {
        BlobClient source = blob(from);
        try {
            SyncPoller<BlobCopyInfo, Void> poller = blob(to).beginCopy(source.getBlobUrl(), Duration.ofSeconds(1));
            BlobCopyInfo done = poller.waitForCompletion(Duration.ofHours(1)).getValue();
            if (done.getCopyStatus() != CopyStatusType.SUCCESS) {
                throw new StoreException("copying " + describe() + full(from) + " to " + full(to) + " ended "
                        + done.getCopyStatus() + ": " + done.getError());
            }
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.of("copying " + full(from) + " to", location, full(to), e);
        }
    }

    @Override
    public void rename(String from, String to) {
        if (dfs == null) {
            ObjectStore.super.rename(from, to);
        }
        try {
            dfs.getFileClient(full(from)).renameWithResponse(location.container(), full(to), null,
                    new DataLakeRequestConditions().setIfNoneMatch("*"), null, null);
        } catch (DataLakeStorageException e) {
            throw AzureErrors.of("renaming " + full(from) + " to", location, full(to), e);
        }
    }

    @Override
    public WriterLease lease(String key, DestinationLock.Holder holder, Duration wait) {
        return AzureLease.acquire(blob(key), location, holder, wait);
    }

    @Override
    public void close() {
        // The SDK's clients hold no resource of their own: the JDK HTTP client's threads are daemons.
    }
}
