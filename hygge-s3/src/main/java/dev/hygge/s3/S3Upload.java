package dev.hygge.s3;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads and server-side copies, multipart in parallel above one part's size. Each part streams
 * from its range of the file (nothing is buffered whole: memory is a few HTTP buffers a part), is
 * retried by the SDK from the start of its range, and a failed upload is aborted so no part is left
 * billed. The object appears only when {@code CompleteMultipartUpload} succeeds, with
 * {@code If-None-Match: *} under {@link WriteMode#CREATE_NEW}.
 */
final class S3Upload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Upload.class);
    /** The largest object CopyObject copies in one request. */
    private static final long COPY_LIMIT = 5L << 30;

    private final S3Client s3;
    private final S3Location location;
    private final long partSize;
    private final ExecutorService parts;

    S3Upload(S3Client s3, S3Location location, S3Settings settings) {
        this.s3 = s3;
        this.location = location;
        this.partSize = settings.partSize();
        AtomicInteger n = new AtomicInteger();
        this.parts = Executors.newFixedThreadPool(settings.uploadThreads() * 2, r -> {
            Thread t = new Thread(r, "hygge-s3-upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void upload(Path file, String key, WriteMode mode) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        if (size <= partSize) {
            PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(location.bucket()).key(key);
            if (mode == WriteMode.CREATE_NEW) {
                b.ifNoneMatch("*");
            }
            try {
                s3.putObject(b.build(), RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw S3Errors.of("uploading", location, key, e);
            }
            return;
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)).uploadId();
        } catch (SdkException e) {
            throw S3Errors.of("starting the upload of", location, key, e);
        }
        try {
            List<Future<CompletedPart>> sent = new ArrayList<>();
            for (long offset = 0, part = 1; offset < size; offset += partSize, part++) {
                long from = offset;
                long length = Math.min(partSize, size - offset);
                int number = (int) part;
                sent.add(parts.submit(() -> {
                    String tag = s3.uploadPart(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)
                            .partNumber(number).contentLength(length),
                            RequestBody.fromContentProvider(() -> range(file, from, length), length,
                                    "application/octet-stream")).eTag();
                    return CompletedPart.builder().partNumber(number).eTag(tag).build();
                }));
            }
            complete(key, uploadId, await(sent, key), mode);
        } catch (RuntimeException e) {
            abort(key, uploadId);
            throw e;
        }
    }

    void copy(String source, String target, long size) {
        if (size <= COPY_LIMIT) {
            s3.copyObject(b -> b.sourceBucket(location.bucket()).sourceKey(source)
                    .destinationBucket(location.bucket()).destinationKey(target));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(target)).uploadId();
        try {
            long copyPart = Math.max(partSize, 1L << 30);
            List<Future<CompletedPart>> sent = new ArrayList<>();
            for (long offset = 0, part = 1; offset < size; offset += copyPart, part++) {
                String range = "bytes=" + offset + "-" + (Math.min(size, offset + copyPart) - 1);
                int number = (int) part;
                sent.add(parts.submit(() -> CompletedPart.builder().partNumber(number)
                        .eTag(s3.uploadPartCopy(b -> b.sourceBucket(location.bucket()).sourceKey(source)
                                .destinationBucket(location.bucket()).destinationKey(target).uploadId(uploadId)
                                .partNumber(number).copySourceRange(range)).copyPartResult().eTag())
                        .build()));
            }
            complete(target, uploadId, await(sent, target), WriteMode.OVERWRITE);
        } catch (RuntimeException e) {
            abort(target, uploadId);
            throw e;
        }
    }

    private static InputStream range(Path file, long from, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(from);
            return new java.io.FilterInputStream(Channels.newInputStream(channel)) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    return left-- > 0 ? super.read() : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private List<CompletedPart> await(List<Future<CompletedPart>> sent, String key) {
        List<CompletedPart> done = new ArrayList<>();
        try {
            for (Future<CompletedPart> f : sent) {
                done.add(f.get());
            }
            return done;
        } catch (InterruptedException e) {
            sent.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while uploading s3://" + location.bucket() + "/" + key, e);
        } catch (ExecutionException e) {
            sent.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof SdkException sdk) {
                throw S3Errors.of("uploading a part of", location, key, sdk);
            }
            throw new StoreException("uploading s3://" + location.bucket() + "/" + key + " failed: " + e.getCause(), e.getCause());
        }
    }

    private void complete(String key, String uploadId, List<CompletedPart> done, WriteMode mode) {
        CompleteMultipartUploadRequest.Builder b = CompleteMultipartUploadRequest.builder().bucket(location.bucket())
                .key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done));
        if (mode == WriteMode.CREATE_NEW) {
            b.ifNoneMatch("*");
        }
        try {
            s3.completeMultipartUpload(b.build());
        } catch (SdkException e) {
            throw S3Errors.of("completing the upload of", location, key, e);
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("s3://{}/{} - could not abort multipart upload {} ({}): a lifecycle rule for incomplete uploads"
                    + " removes its parts", location.bucket(), key, uploadId, e.getMessage());
        }
    }

    @Override
    public void close() {
        parts.shutdownNow();
    }
}
