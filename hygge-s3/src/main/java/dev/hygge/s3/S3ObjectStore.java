package dev.hygge.s3;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectKeys;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@code s3://<bucket>/<prefix>} location through the AWS SDK's synchronous client: flat
 * namespace (no rename: a commit copies at the server and deletes), conditional creates with
 * {@code If-None-Match: *}, large files in parallel multipart uploads ({@link S3Upload}), the
 * one-writer lock as a lock object ({@link S3Lease}).
 */
final class S3ObjectStore implements ObjectStore {
    private final S3Location location;
    private final S3Settings settings;
    private final S3Client s3;
    private final S3Upload uploads;

    S3ObjectStore(S3Location location, S3Settings settings) {
        this.location = location;
        this.settings = settings;
        var builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(16, settings.uploadThreads() * 4)))
                .credentialsProvider(credentials(settings))
                .region(region(settings))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            // S3-compatible services often lack the newer default checksums: send them only where required.
            builder.endpointOverride(settings.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = builder.build();
        this.uploads = new S3Upload(s3, location, settings);
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        if (s.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(s.sessionToken() == null
                ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
                : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
    }

    private static Region region(S3Settings s) {
        if (s.region() != null) {
            return Region.of(s.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            if (s.endpoint() != null) {
                return Region.US_EAST_1;
            }
            throw new dev.hygge.spi.ConfigException("no region for S3: set region (or AWS_REGION, or a profile's region)");
        }
    }

    /** The full key in the bucket. */
    private String full(String key) {
        return location.prefix() + ObjectKeys.check(key);
    }

    @Override
    public String describe() {
        return location.describe() + (settings.endpoint() == null ? "" : " at " + settings.endpoint());
    }

    @Override
    public boolean hierarchical() {
        return false;
    }

    @Override
    public boolean atomicRename() {
        return false;
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String from = location.prefix() + ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(from)).contents()) {
                out.add(new ObjectInfo(o.key().substring(location.prefix().length()), o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw S3Errors.of("listing", location, from, e);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    /** The folders below {@code prefix} from a delimiter listing: S3's common prefixes, no object listed. */
    @Override
    public List<String> folders(String prefix) {
        String from = location.prefix() + ObjectKeys.checkPrefix(prefix);
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(from).delimiter("/"))) {
                for (var common : page.commonPrefixes()) {
                    String name = common.prefix().substring(from.length());
                    if (name.endsWith("/") && name.length() > 1) {
                        names.add(name.substring(0, name.length() - 1));
                    }
                }
            }
        } catch (SdkException e) {
            throw S3Errors.of("listing", location, from, e);
        }
        return List.copyOf(names);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(full(key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw S3Errors.of("reading", location, full(key), e);
        } catch (SdkException e) {
            throw S3Errors.of("reading", location, full(key), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        String range = length == Long.MAX_VALUE ? (offset == 0 ? null : "bytes=" + offset + "-")
                : "bytes=" + offset + "-" + (offset + length - 1);
        try {
            return s3.getObject(b -> b.bucket(location.bucket()).key(full(key)).range(range));
        } catch (SdkException e) {
            throw S3Errors.of("reading", location, full(key), e);
        }
    }

    @Override
    public void upload(Path file, String key, WriteMode mode) {
        uploads.upload(file, full(key), mode);
    }

    @Override
    public void put(byte[] content, String key, WriteMode mode) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(location.bucket()).key(full(key));
        if (mode == WriteMode.CREATE_NEW) {
            b.ifNoneMatch("*");
        }
        try {
            s3.putObject(b.build(), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw S3Errors.of("writing", location, full(key), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(full(key)));
        } catch (SdkException e) {
            throw S3Errors.of("deleting", location, full(key), e);
        }
    }

    @Override
    public void copy(String from, String to) {
        String source = full(from);
        String target = full(to);
        try {
            long size = s3.headObject(b -> b.bucket(location.bucket()).key(source)).contentLength();
            uploads.copy(source, target, size);
        } catch (SdkException e) {
            throw S3Errors.of("copying to " + target + " from", location, source, e);
        }
    }

    @Override
    public WriterLease lease(String key, DestinationLock.Holder holder, Duration wait) {
        return S3Lease.acquire(s3, settings.lockTtl(), location, full(key), holder, wait);
    }

    @Override
    public void close() {
        uploads.close();
        s3.close();
    }
}
