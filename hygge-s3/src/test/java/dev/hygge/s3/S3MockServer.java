package dev.hygge.s3;

import dev.hygge.testkit.Servers;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adobe's S3Mock, started by the test run itself: its executable jar (copied to
 * {@code target/s3mock/} by the build) as a child JVM on a free port, one per test JVM, stopped
 * when the JVM exits. Tests that need it are skipped with the reason where it cannot start, or fail
 * where {@code HYGGE_REQUIRE_SERVERS=1}.
 *
 * <pre>{@code
 * @ExtendWith(S3MockServer.class) class S3ObjectStoreTest { ... S3MockServer.settings() ... }
 * }</pre>
 */
public final class S3MockServer extends Servers.Required {
    /** A bucket the emulator creates at start. */
    public static final String BUCKET = "hygge-test";
    private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");
    private static Started started;

    private record Started(Process process, int port, String failure) {}

    @Override
    protected String server() {
        return "S3Mock (" + JAR + ")";
    }

    @Override
    protected Optional<String> unavailable() {
        return Optional.ofNullable(start().failure());
    }

    @Override
    protected String how() {
        return "run the tests through Maven (it copies S3Mock's jar to target/s3mock) with Java 17+";
    }

    /** The emulator's endpoint. */
    public static URI endpoint() {
        return URI.create("http://127.0.0.1:" + start().port());
    }

    /** Settings that reach the emulator with static keys (S3Mock accepts any). */
    public static Map<String, String> settings() {
        return Map.of("endpoint", endpoint().toString(), "region", "us-east-1", "access_key_id", "hygge",
                "secret_access_key", "hygge-secret", "part_size_mb", "5");
    }

    /** Stops the emulator (a test of what a vanished server leaves); the next {@link #start} starts it anew. */
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
        if (!Files.isRegularFile(JAR)) {
            return started = new Started(null, -1, JAR.toAbsolutePath() + " is missing");
        }
        try {
            int port = freePort();
            Path root = Files.createTempDirectory("hygge-s3mock");
            Path log = root.resolveSibling(root.getFileName() + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString(),
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.http-port=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.max-payload-size=64MB",
                    "--spring.main.banner-mode=off"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    return started = new Started(null, -1, "S3Mock exited with " + process.exitValue() + "; its log: " + log);
                }
                if (answers(port)) {
                    return started = new Started(process, port, null);
                }
                Thread.sleep(250);
            }
            process.destroyForcibly();
            return started = new Started(null, -1, "S3Mock did not answer on port " + port + " within 240s; its log: " + log);
        } catch (IOException e) {
            return started = new Started(null, -1, "could not start S3Mock: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return started = new Started(null, -1, "interrupted while starting S3Mock");
        }
    }

    private static boolean answers(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code > 0;
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
