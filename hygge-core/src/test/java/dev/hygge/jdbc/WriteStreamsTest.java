package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WriteStreamsTest {
    @Test
    void capsParallelWorkersAtThePoolLessTheControlConnection() {
        assertThat(WriteStreams.of("Store 's'", "c", 8, 8, LoggerFactory.getLogger(WriteStreamsTest.class))).isEqualTo(7);
        assertThat(WriteStreams.of("Store 's'", "c", 20, 8, LoggerFactory.getLogger(WriteStreamsTest.class))).isEqualTo(8);
        assertThat(WriteStreams.cap(4, 2)).isEqualTo(1);
        assertThat(WriteStreams.cap(0, 9)).isEqualTo(1);
    }

    @Test
    void aPoolOfOneCannotWriteAndSaysWhatToRaise() {
        assertThatThrownBy(() -> WriteStreams.of("Store 's'", "shop", 1, 4, LoggerFactory.getLogger(WriteStreamsTest.class)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Store 's': a write needs at least 2 pooled connections (one for the final transaction, one to"
                        + " load); connection 'shop' has pool_size 1. Raise its pool_size");
    }
}
