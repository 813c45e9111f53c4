package dev.hygge.azure;

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
 * A writer to be killed, on Azurite: takes the destination's lease, stages one small file, says so
 * on stdout, then stages large files (many blocks) until it is killed. Arguments: location, then
 * the storage settings as {@code key=value}.
 */
public final class KilledAzureUploadChild {
    private KilledAzureUploadChild() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            settings.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
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
