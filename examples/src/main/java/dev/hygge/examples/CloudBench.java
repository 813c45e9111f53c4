package dev.hygge.examples;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The cloud benchmark's steps, one per JVM ({@code bench/cloud.sh} runs them against emulators it
 * starts): hygge's parquet → parquet at a cloud location, and the vendor SDK's own upload of the
 * same files alone (S3: the transfer manager's {@code uploadDirectory}; Azure: {@code uploadFromFile}
 * per file, its parallel blocks).
 *
 * <pre>{@code
 * java ... CloudBench encode <source.parquet> <folder>                          # the files, locally (untimed reference input)
 * java ... CloudBench hygge  <source.parquet> <url>   -Dhygge.storage=k=v,...     # parquet -> parquet at the URL
 * java ... CloudBench s3-sdk <folder> <endpoint> <bucket>/<prefix>
 * java ... CloudBench azure-sdk <folder> <account url> <container>/<prefix> <account key>
 * }</pre>
 *
 * Each prints {@code seconds=… rows=… rss_mb=… cpu_s=…}: {@code cpu_s} is the CPU time of the
 * whole JVM (every thread, DuckDB's native ones too) over the same span as {@code seconds}.
 */
public final class CloudBench {
    private CloudBench() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        long rows = switch (args[0]) {
            case "encode" -> hygge(Path.of(args[1]), args[2], Map.of());
            case "hygge" -> hygge(Path.of(args[1]), args[2], settings(System.getProperty("hygge.storage", "")));
            case "s3-sdk" -> s3(Path.of(args[1]), URI.create(args[2]), args[3]);
            case "azure-sdk" -> azure(Path.of(args[1]), args[2], args[3], args[4]);
            case "azure-container" -> {
                String account = args[1].substring(args[1].lastIndexOf('/') + 1);
                new BlobServiceClientBuilder().endpoint(args[1]).credential(new StorageSharedKeyCredential(account, args[3]))
                        .buildClient().getBlobContainerClient(args[2]).createIfNotExists();
                yield 0;
            }
            default -> throw new IllegalArgumentException("unknown step " + args[0] + "; use encode, hygge, s3-sdk or azure-sdk");
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d cpu_s=%.2f%n", seconds, rows, ParquetCopyBench.peakRssMb(),
                (processCpuNanos() - cpu) / 1e9);
    }

    /** The CPU time of this JVM so far, every thread counted, or 0 where the platform does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private static Map<String, String> settings(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                out.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return out;
    }

    private static long hygge(Path source, String destination, Map<String, String> storage) {
        Map<String, Object> store = new LinkedHashMap<>(Map.of("path", destination, "compression", "snappy",
                "if_exists", "replace", "rows_per_file", Long.getLong("hygge.rowsPerFile", 1_000_000L)));
        if (!storage.isEmpty()) {
            store.put("storage", storage);
        }
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            FlowResult result = hygge.flow("copy").from("parquet", Map.of("path", source.toString())).to("parquet", store).run();
            return result.rowsWritten();
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static long s3(Path folder, URI endpoint, String bucketAndPrefix) throws Exception {
        String bucket = bucketAndPrefix.substring(0, bucketAndPrefix.indexOf('/'));
        String prefix = bucketAndPrefix.substring(bucketAndPrefix.indexOf('/') + 1);
        try (S3AsyncClient s3 = S3AsyncClient.builder().multipartEnabled(true).endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.US_EAST_1).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
             S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            var done = tm.uploadDirectory(b -> b.source(folder).bucket(bucket).s3Prefix(prefix)).completionFuture().join();
            if (!done.failedTransfers().isEmpty()) {
                throw new IllegalStateException("failed: " + done.failedTransfers().get(0).exception());
            }
        }
        return files(folder).size();
    }

    private static long azure(Path folder, String accountUrl, String containerAndPrefix, String key) throws Exception {
        String container = containerAndPrefix.substring(0, containerAndPrefix.indexOf('/'));
        String prefix = containerAndPrefix.substring(containerAndPrefix.indexOf('/') + 1);
        String account = accountUrl.substring(accountUrl.lastIndexOf('/') + 1);
        BlobContainerClient blobs = new BlobServiceClientBuilder().endpoint(accountUrl)
                .credential(new StorageSharedKeyCredential(account, key)).buildClient().getBlobContainerClient(container);
        List<Path> files = files(folder);
        for (Path f : files) {
            blobs.getBlobClient(prefix + "/" + folder.relativize(f)).uploadFromFile(f.toString(), true);
        }
        return files.size();
    }
}
