package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.StoreException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationLockTest {
    private static final DestinationLock.Holder FIRST = new DestinationLock.Holder("run-1", "flow_a/orders");
    private static final DestinationLock.Holder SECOND = new DestinationLock.Holder("run-2", "flow_b/orders");

    @TempDir
    Path dir;

    @Test
    void aSecondWriterInTheSameJvmWaitsThenFailsNamingTheHolder() {
        Path file = dir.resolve("_hygge.lock");
        try (DestinationLock held = DestinationLock.acquire("parquet lake/orders", file, FIRST, Duration.ZERO)) {
            assertThatThrownBy(() -> DestinationLock.acquire("parquet lake/orders", file, SECOND, Duration.ofMillis(200)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("parquet lake/orders is being written by run run-1 (flow flow_a/orders, process "
                            + ProcessHandle.current().pid())
                    .hasMessageContaining("waited 200 ms");
            assertThat(DestinationLock.holderOf(file)).hasValueSatisfying(h -> assertThat(h).contains("run-1"));
        }
        try (DestinationLock again = DestinationLock.acquire("parquet lake/orders", file, SECOND, Duration.ZERO)) {
            assertThat(DestinationLock.holderOf(file)).hasValueSatisfying(h -> assertThat(h).contains("run-2"));
        }
    }

    @Test
    void aWaitingWriterGetsTheLockWhenTheHolderReleasesIt() throws Exception {
        Path file = dir.resolve("_hygge.lock");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            DestinationLock held = DestinationLock.acquire("t", file, FIRST, Duration.ZERO);
            CountDownLatch waiting = new CountDownLatch(1);
            Future<String> second = pool.submit(() -> {
                waiting.countDown();
                try (DestinationLock lock = DestinationLock.acquire("t", file, SECOND, Duration.ofSeconds(30))) {
                    return DestinationLock.holderOf(file).orElse("");
                }
            });
            waiting.await();
            Thread.sleep(200);
            assertThat(second.isDone()).isFalse();
            held.close();
            held.close(); // idempotent: releases once
            assertThat(second.get(30, TimeUnit.SECONDS)).contains("run-2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keyLocksAreExclusiveWithinTheJvm() {
        try (DestinationLock held = DestinationLock.acquire("duckdb w.duckdb main.orders", "/w.duckdb#main.orders", FIRST,
                Duration.ZERO)) {
            assertThatThrownBy(() -> DestinationLock.acquire("duckdb w.duckdb main.orders", "/w.duckdb#main.orders", SECOND,
                    Duration.ofMillis(50))).hasMessageContaining("run run-1");
            DestinationLock.acquire("other", "/w.duckdb#main.customers", SECOND, Duration.ZERO).close();
        }
    }

    @Test
    void anotherProcessIsKeptOutUntilItsHolderDies() throws Exception {
        Path file = dir.resolve("_hygge.lock");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> DestinationLock.acquire("parquet lake/orders", file, SECOND, Duration.ofMillis(300)))
                    .hasMessageContaining("run child-run").hasMessageContaining("process " + child.pid());
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // as kill -9: the kernel drops its lock
        }
        assertThat(Files.exists(file)).isTrue();
        try (DestinationLock taken = DestinationLock.acquire("parquet lake/orders", file, SECOND, Duration.ofSeconds(10))) {
            assertThat(DestinationLock.holderOf(file)).hasValueSatisfying(h -> assertThat(h).contains("run-2"));
        }
    }

    /** A child JVM that takes the lock and holds it until killed. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            DestinationLock.acquire("child", Path.of(args[0]), new DestinationLock.Holder("child-run", "f"), Duration.ZERO);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
