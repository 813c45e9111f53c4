package dev.hygge.s3;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectStore;
import dev.hygge.storage.ObjectCommit;
import dev.hygge.storage.ObjectStores;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A writer to be killed: takes the destination, stages one small file, says so on stdout, then
 * stages large files (multipart) until it is killed. Arguments: location, endpoint, lock time to live.
 */
public final class KilledUploadChild {
    private KilledUploadChild() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("endpoint", args[1], "region", "us-east-1",
                "access_key_id", "hygge", "secret_access_key", "hygge-secret", "part_size_mb", "5",
                "lock_ttl_seconds", args[2]));
        Path big = Files.createTempFile("hygge-kill", ".parquet");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(40L << 20);
        }
        try (ObjectStore store = ObjectStores.open(args[0], settings)) {
            ObjectCommit commit = ObjectCommit.begin(store, "orders", "doomed",
                    new DestinationLock.Holder("doomed", "kill-test"), Duration.ofSeconds(30));
            Path small = Files.writeString(Files.createTempFile("hygge-kill", ".parquet"), "staged");
            commit.stage(small, "orders_1.parquet");
            System.out.println("staging");
            System.out.flush();
            for (int i = 2; ; i++) {
                commit.stage(big, "orders_" + i + ".parquet");
            }
        }
    }
}
