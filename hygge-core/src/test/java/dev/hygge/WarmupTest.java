package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up runs once per JVM, on one daemon thread, and ends by itself. */
class WarmupTest {
    private static List<Thread> warmups() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("hygge-warmup")).toList();
    }

    @Test
    void startsOneDaemonThreadThatEnds() throws Exception {
        Warmup.start();
        Warmup.start();
        List<Thread> running = warmups();
        assertThat(running).as("at most one warm-up thread, however often started").hasSizeLessThanOrEqualTo(1);
        running.forEach(t -> assertThat(t.isDaemon()).as("a warm-up never keeps the JVM alive").isTrue());
        for (Thread t : running) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).as("the warm-up ends").isFalse();
        }
        Warmup.start();
        assertThat(warmups()).as("a later start does nothing").isEmpty();
    }
}
