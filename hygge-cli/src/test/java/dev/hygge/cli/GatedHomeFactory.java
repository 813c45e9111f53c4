package dev.hygge.cli;

import dev.hygge.spi.Plugins;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Split;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A test Home ({@code type: gated}) of sample rows that holds every batch while its {@code gate}
 * file exists, so a test can kill a run while the flow is certainly running; {@code fail_with: error}
 * throws a {@link StackOverflowError} at the first batch instead, the unexpected kind of failure.
 */
public final class GatedHomeFactory implements HomeFactory<GatedHomeFactory.Options> {
    public static class Options {
        public long rows = 1_000;
        public String gate;
        public String failWith;
    }

    @Override
    public String type() {
        return "gated";
    }

    @Override
    public Class<Options> optionsType() {
        return Options.class;
    }

    @Override
    public Home create(Options options, HyggeContext context) {
        SampleHome rows = new SampleHome("gated", options.rows, 100, 1);
        return new Home() {
            public String describe() {
                return "gated sample rows";
            }

            public List<Split> splits() {
                return rows.splits();
            }

            public ArrowReader open(Split split, BufferAllocator allocator) {
                return new ForwardingReader(allocator, rows.open(split, allocator)) {
                    @Override
                    public boolean loadNextBatch() throws IOException {
                        if ("error".equals(options.failWith)) {
                            throw new StackOverflowError("gated home: an unexpected error");
                        }
                        while (options.gate != null && Files.exists(Path.of(options.gate))) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new InterruptedIOException("gate wait interrupted");
                            }
                        }
                        return super.loadNextBatch();
                    }
                };
            }

            public void close() {
                rows.close();
            }
        };
    }

    /** The discovered plugins and this one. */
    static Plugins plugins() {
        return Plugins.discover().toBuilder().home(new GatedHomeFactory()).build();
    }

    /** A child JVM's {@code hygge} with the gated Home: {@code java ... GatedHomeFactory start --project P}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(HyggeCli.execute(out, new PrintWriter(System.err, true), GatedHomeFactory::plugins, args));
    }
}
