package dev.hygge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectExistsException;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import dev.hygge.spi.WriterLease;
import dev.hygge.storage.ObjectCommit;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} does, and the commit protocol over it: each storage plugin's test
 * extends this with {@link #open()} giving a client rooted at a fresh, empty location of a real
 * store (local disk, an emulator).
 */
public abstract class ObjectStoreContract {
    protected static final DestinationLock.Holder HOLDER = new DestinationLock.Holder("run-1", "contract");

    @TempDir
    protected Path local;
    protected ObjectStore store;

    /** A client rooted at a fresh, empty location. */
    protected abstract ObjectStore open() throws Exception;

    /** Bytes large enough that the store's upload goes in several blocks or parts. */
    protected int largeFileBytes() {
        return 3 * 1024 * 1024 + 17;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected Path file(String name, byte[] content) throws Exception {
        Path f = local.resolve(name);
        Files.write(f, content);
        return f;
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String read(String key) throws Exception {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> keys(List<ObjectInfo> objects) {
        return objects.stream().map(ObjectInfo::key).toList();
    }

    @Test
    void listsByPrefixAndGlobSorted() throws Exception {
        store.put(bytes("b"), "t/b.parquet", WriteMode.OVERWRITE);
        store.put(bytes("a"), "t/a.parquet", WriteMode.OVERWRITE);
        store.put(bytes("c"), "t/year=2024/c.parquet", WriteMode.OVERWRITE);
        store.put(bytes("x"), "t/notes.txt", WriteMode.OVERWRITE);
        store.put(bytes("o"), "other/a.parquet", WriteMode.OVERWRITE);

        assertThat(keys(store.list("t/"))).containsExactly("t/a.parquet", "t/b.parquet", "t/notes.txt", "t/year=2024/c.parquet");
        assertThat(keys(store.list("t/", "*.parquet"))).containsExactly("t/a.parquet", "t/b.parquet");
        assertThat(keys(store.list("t/", "**/*.parquet"))).containsExactly("t/a.parquet", "t/b.parquet", "t/year=2024/c.parquet");
        assertThat(store.list("nothing/")).isEmpty();
        assertThat(store.stat("t/a.parquet")).get().extracting(ObjectInfo::size).isEqualTo(1L);
        assertThat(store.stat("t/zzz.parquet")).isEmpty();
    }

    @Test
    void listsTheFoldersDirectlyBelowAPrefix() throws Exception {
        store.put(bytes("a"), "f/orders/a.parquet", WriteMode.OVERWRITE);
        store.put(bytes("b"), "f/orders/year=2024/b.parquet", WriteMode.OVERWRITE);
        store.put(bytes("c"), "f/customers/c.parquet", WriteMode.OVERWRITE);
        store.put(bytes("l"), "f/loose.parquet", WriteMode.OVERWRITE);

        assertThat(store.folders("f/")).containsExactly("customers", "orders");
        assertThat(store.folders("f/orders/")).containsExactly("year=2024");
        assertThat(store.folders("nothing/")).isEmpty();
    }

    @Test
    void uploadsALargeFileWholeAndReadsRanges() throws Exception {
        byte[] content = new byte[largeFileBytes()];
        new Random(7).nextBytes(content);
        store.upload(file("big.bin", content), "big/part-0.bin", WriteMode.CREATE_NEW);

        assertThat(store.stat("big/part-0.bin")).get().extracting(ObjectInfo::size).isEqualTo((long) content.length);
        try (InputStream in = store.open("big/part-0.bin", 1_000_000, 10)) {
            byte[] range = in.readAllBytes();
            assertThat(range).containsExactly(java.util.Arrays.copyOfRange(content, 1_000_000, 1_000_010));
        }
        Path back = local.resolve("back.bin");
        store.download("big/part-0.bin", back);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
    }

    @Test
    void createNewRefusesAnExistingObject() throws Exception {
        store.put(bytes("first"), "k/lock", WriteMode.CREATE_NEW);
        assertThatThrownBy(() -> store.put(bytes("second"), "k/lock", WriteMode.CREATE_NEW))
                .isInstanceOf(ObjectExistsException.class);
        assertThatThrownBy(() -> store.upload(file("f", bytes("third")), "k/lock", WriteMode.CREATE_NEW))
                .isInstanceOf(ObjectExistsException.class);
        assertThat(read("k/lock")).isEqualTo("first");
        store.put(bytes("replaced"), "k/lock", WriteMode.OVERWRITE);
        assertThat(read("k/lock")).isEqualTo("replaced");
    }

    @Test
    void copiesDeletesAndDeletesPrefixes() throws Exception {
        store.put(bytes("1"), "d/s/one", WriteMode.OVERWRITE);
        store.put(bytes("2"), "d/s/two", WriteMode.OVERWRITE);
        store.copy("d/s/one", "d/one-copy");
        assertThat(read("d/one-copy")).isEqualTo("1");
        store.delete("d/one-copy");
        store.delete("d/never-was");
        store.deletePrefix("d/s/");
        assertThat(store.list("d/")).isEmpty();
    }

    @Test
    void aKeyCannotReachOutsideTheLocation() {
        assertThatThrownBy(() -> store.put(bytes("x"), "../escape", WriteMode.OVERWRITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> store.put(bytes("x"), "/abs", WriteMode.OVERWRITE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneWriterPerDestination() {
        try (WriterLease first = store.lease("dest/_hygge.lock", HOLDER, Duration.ofSeconds(5))) {
            first.check();
            assertThatThrownBy(() -> store.lease("dest/_hygge.lock", new DestinationLock.Holder("run-2", "other"),
                    Duration.ofMillis(300)).close())
                    .isInstanceOf(StoreException.class);
        }
        try (WriterLease again = store.lease("dest/_hygge.lock", HOLDER, Duration.ofSeconds(5))) {
            again.check();
        }
    }

    @Test
    void nothingIsVisibleBeforeTheCommitAndAllAfter() throws Exception {
        store.put(bytes("old"), "orders/orders_0.parquet", WriteMode.OVERWRITE);
        try (ObjectCommit commit = ObjectCommit.begin(store, "orders", "run-1", HOLDER, Duration.ofSeconds(5))) {
            commit.stage(file("a", bytes("new-1")), "orders_1.parquet");
            commit.stage(file("b", bytes("new-2")), "orders_2.parquet");
            assertThat(keys(ObjectCommit.visible(store, "orders"))).containsExactly("orders/orders_0.parquet");
            assertThat(keys(store.list("orders/", "*.parquet"))).containsExactly("orders/orders_0.parquet");
            commit.commit(List.of("orders_0.parquet"));
        }
        assertThat(keys(store.list("orders/", "**.parquet"))).containsExactly("orders/orders_1.parquet", "orders/orders_2.parquet");
        assertThat(read("orders/orders_2.parquet")).isEqualTo("new-2");
    }

    @Test
    void anAbortedWriteLeavesTheDestinationAsItWas() throws Exception {
        store.put(bytes("old"), "orders/orders_0.parquet", WriteMode.OVERWRITE);
        try (ObjectCommit commit = ObjectCommit.begin(store, "orders", "run-1", HOLDER, Duration.ofSeconds(5))) {
            commit.stage(file("a", bytes("new-1")), "orders_1.parquet");
        }
        assertThat(keys(store.list("orders/", "**.parquet"))).containsExactly("orders/orders_0.parquet");
    }

    @Test
    void aRunStoppedBeforeItsJournalIsRemovedByTheNext() throws Exception {
        // What a run killed while uploading leaves: staged files, no journal.
        store.put(bytes("half"), "orders/_hygge_staging/dead/orders_1.parquet", WriteMode.OVERWRITE);
        assertThat(keys(ObjectCommit.visible(store, "orders"))).isEmpty();
        try (ObjectCommit commit = ObjectCommit.begin(store, "orders", "run-2", HOLDER, Duration.ofSeconds(5))) {
            assertThat(store.list("orders/_hygge_staging/")).isEmpty();
        }
        assertThat(store.list("orders/", "**.parquet")).isEmpty();
    }

    @Test
    void aRunStoppedAfterItsJournalIsCompletedByTheNextAndReadAsCommittedMeanwhile() throws Exception {
        // What a run killed while publishing leaves: its journal, one file published, one still staged,
        // one old file not yet removed.
        store.put(bytes("old"), "orders/orders_0.parquet", WriteMode.OVERWRITE);
        store.put(bytes("n1"), "orders/orders_1.parquet", WriteMode.OVERWRITE);
        store.put(bytes("n2"), "orders/_hygge_staging/dead/orders_2.parquet", WriteMode.OVERWRITE);
        store.put(bytes("hygge-object-commit 1\n"
                + "move\t_hygge_staging/dead/orders_1.parquet\torders_1.parquet\n"
                + "move\t_hygge_staging/dead/orders_2.parquet\torders_2.parquet\n"
                + "delete\torders_0.parquet\n"
                + "end\t3\n"), "orders/_hygge_staging/dead/_journal", WriteMode.OVERWRITE);

        assertThat(keys(ObjectCommit.visible(store, "orders")))
                .containsExactlyInAnyOrder("orders/_hygge_staging/dead/orders_2.parquet", "orders/orders_1.parquet");
        ObjectCommit.begin(store, "orders", "run-2", HOLDER, Duration.ofSeconds(5)).close();

        assertThat(keys(store.list("orders/", "**.parquet"))).containsExactly("orders/orders_1.parquet", "orders/orders_2.parquet");
        assertThat(read("orders/orders_2.parquet")).isEqualTo("n2");
    }

    @Test
    void aCutJournalIsRefusedNotHalfApplied() throws Exception {
        store.put(bytes("old"), "orders/orders_0.parquet", WriteMode.OVERWRITE);
        store.put(bytes("hygge-object-commit 1\ndelete\torders_0.parquet\n"), "orders/_hygge_staging/dead/_journal",
                WriteMode.OVERWRITE);
        assertThatThrownBy(() -> ObjectCommit.begin(store, "orders", "run-2", HOLDER, Duration.ofSeconds(5)))
                .isInstanceOf(StoreException.class).hasMessageContaining("no end line");
        assertThat(store.stat("orders/orders_0.parquet")).isPresent();
    }

    @Test
    void aJournalWhoseFilesAreGoneRemovesNothing() throws Exception {
        store.put(bytes("old"), "orders/orders_0.parquet", WriteMode.OVERWRITE);
        store.put(bytes("hygge-object-commit 1\n"
                + "move\t_hygge_staging/late/orders_1.parquet\torders_1.parquet\n"
                + "delete\torders_0.parquet\n"
                + "end\t2\n"), "orders/_hygge_staging/late/_journal", WriteMode.OVERWRITE);
        assertThatThrownBy(() -> ObjectCommit.begin(store, "orders", "run-2", HOLDER, Duration.ofSeconds(5)))
                .isInstanceOf(StoreException.class).hasMessageContaining("neither it nor its staged file");
        assertThat(store.stat("orders/orders_0.parquet")).isPresent();
    }
}
