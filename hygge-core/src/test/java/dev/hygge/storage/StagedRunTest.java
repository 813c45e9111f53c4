package dev.hygge.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run that staged files ends: its files removed unless committed, its lease released always. */
class StagedRunTest {
    private static final DestinationLock.Holder HOLDER = new DestinationLock.Holder("run-1", "test");
    private static final DestinationLock.Holder OTHER = new DestinationLock.Holder("run-2", "other");
    private static final String RUN = "orders/_hygge_staging/run-1/";

    @TempDir
    Path local;
    ObjectStore store;

    @BeforeEach
    void stage() {
        store = ObjectStores.open(local.resolve("root").toString(), Map.of());
        store.put("a".getBytes(UTF_8), RUN + "part-0.parquet", WriteMode.CREATE_NEW);
    }

    @Test
    void anUncommittedRunLeavesNoStagedFilesAndNoLease() {
        StagedRun.end(store, RUN, false, store.lease("orders/_hygge.lock", HOLDER, Duration.ofSeconds(5)));

        assertThat(store.list(RUN)).isEmpty();
        store.lease("orders/_hygge.lock", OTHER, Duration.ofMillis(300)).close();
    }

    @Test
    void aCommittedRunKeepsItsFolderForTheJournalToFinish() {
        StagedRun.end(store, RUN, true, store.lease("orders/_hygge.lock", HOLDER, Duration.ofSeconds(5)));

        assertThat(store.list(RUN)).hasSize(1);
        store.lease("orders/_hygge.lock", OTHER, Duration.ofMillis(300)).close();
    }

    @Test
    void aRemovalThatFailsIsNotThrownAndStillReleasesTheLease() {
        ObjectStore failing = (ObjectStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deletePrefix")) {
                        throw new IllegalStateException("store unreachable");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        WriterLease lease = failing.lease("orders/_hygge.lock", HOLDER, Duration.ofSeconds(5));

        StagedRun.end(failing, RUN, false, lease);

        assertThat(store.list(RUN)).hasSize(1);                  // the next run removes it
        store.lease("orders/_hygge.lock", OTHER, Duration.ofMillis(300)).close();
    }
}
