package dev.hygge.azure;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.hygge.testkit.Servers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Azurite's Blob service, started by the test run itself: installed from npm into
 * {@code target/azurite} by the build ({@code src/test/emulators/install-azurite.sh}), started here
 * on a free port with in-memory persistence, one per test JVM, stopped when the JVM exits. Where
 * it is not installed (no npm, no registry and no cache) the tests that need it are skipped with
 * the install log's reason, or fail where {@code HYGGE_REQUIRE_SERVERS=1}. Azurite serves the Blob
 * API only: no DFS endpoint, so no hierarchical namespace and no rename.
 */
public final class AzuriteServer extends Servers.Required {
    /** Azurite's well-known development account and key (public, in Azure's documentation). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** A container created at start. */
    public static final String CONTAINER = "hygge-test";
    private static final Path HOME = Path.of("target", "azurite");
    private static Started started;

    private record Started(Process process, int port, String failure) {}

    @Override
    protected String server() {
        return "Azurite (" + HOME + ")";
    }

    @Override
    protected Optional<String> unavailable() {
        return Optional.ofNullable(start().failure());
    }

    @Override
    protected String how() {
        return "install Node.js and npm, and run the tests through Maven (it installs azurite into target/azurite)";
    }

    /** The emulator's account URL: {@code http://127.0.0.1:<port>/devstoreaccount1}. */
    public static String accountUrl() {
        return "http://127.0.0.1:" + start().port() + "/" + ACCOUNT;
    }

    /** Settings that reach the emulator with its account key. */
    public static Map<String, String> settings() {
        return Map.of("credential", "storage_key", "storage_account_key", KEY, "block_size_mb", "1");
    }

    static synchronized void stop() {
        if (started != null && started.process() != null) {
            started.process().destroyForcibly();
            try {
                started.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started = null;
    }

    static synchronized Started start() {
        if (started != null) {
            return started;
        }
        Path bin = HOME.resolve("node_modules/.bin/azurite-blob");
        if (!Files.isExecutable(bin)) {
            String log;
            try {
                log = Files.readString(HOME.resolve("install.log")).trim();
            } catch (IOException e) {
                log = "no install log: the build's install step did not run (run the tests through Maven)";
            }
            return started = new Started(null, -1, bin + " is missing; " + log.replace('\n', ' '));
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("hygge-azurite", ".log");
            Process process = new ProcessBuilder(List.of(bin.toAbsolutePath().toString(), "--blobHost", "127.0.0.1",
                    "--blobPort", String.valueOf(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                    "--disableTelemetry"))
                    .directory(Files.createTempDirectory("hygge-azurite").toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    return started = new Started(null, -1, "Azurite exited with " + process.exitValue() + "; its log: " + log);
                }
                if (listens(port)) {
                    new BlobServiceClientBuilder().endpoint("http://127.0.0.1:" + port + "/" + ACCOUNT)
                            .credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).httpClient(AzureClients.http())
                            .buildClient().getBlobContainerClient(CONTAINER).createIfNotExists();
                    return started = new Started(process, port, null);
                }
                Thread.sleep(200);
            }
            process.destroyForcibly();
            return started = new Started(null, -1, "Azurite did not listen on port " + port + " within 60s; its log: " + log);
        } catch (IOException | RuntimeException e) {
            return started = new Started(null, -1, "could not start Azurite: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return started = new Started(null, -1, "interrupted while starting Azurite");
        }
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
