package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/** A write of a Store that keeps no state refuses state rather than commit the data without it. */
class StoreWriteStateTest {
    /** A write that records what it was asked to do and implements only the plain commit. */
    private static final class Recording implements StoreWrite {
        final List<String> calls = new ArrayList<>();

        @Override
        public long consume(ArrowReader stream) {
            return 0;
        }

        @Override
        public void commit() {
            calls.add("commit");
        }

        @Override
        public void abort() {
            calls.add("abort");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void stateIntoAWriteThatKeepsNoneIsRefusedAndNothingIsCommitted() {
        Recording write = new Recording();
        assertThatThrownBy(() -> write.commit(Map.of("watermark", "42"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot keep state").hasMessageContaining("nothing was committed");
        assertThat(write.calls).isEmpty();
    }

    @Test
    void noStateIsAPlainCommit() throws Exception {
        Recording write = new Recording();
        write.commit(Map.of());
        assertThat(write.calls).containsExactly("commit");
    }
}
