package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsConnectionTest;
import dev.hygge.spi.SupportsWritePlan;
import dev.hygge.spi.WritePlan;
import dev.hygge.spi.WriteRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hygge debug} reaches plugins only through the capability interfaces of {@code dev.hygge.spi}:
 * a connection of a type the CLI has never heard of is tested when it {@link SupportsConnectionTest},
 * and a Store of such a type shows its plan when its factory {@link StoreFactory.PlansWrites}.
 */
class DebugCapabilitiesTest {
    @TempDir
    Path tmp;

    /** {@code type: probe}: {@code test()} answers {@code answer}, or fails when it is {@code unreachable}. */
    public static final class ProbeFactory implements ConnectionFactory<ProbeFactory.Options> {
        public static class Options {
            public String answer = "probe answered";
        }

        public String type() {
            return "probe";
        }

        public Class<Options> optionsType() {
            return Options.class;
        }

        public Connection open(String name, Options options, HyggeContext context) {
            return new Probe(name, options.answer);
        }
    }

    record Probe(String name, String answer) implements Connection, SupportsConnectionTest {
        public String test() {
            if (answer.equals("unreachable")) {
                throw new HyggeException("connection '" + name + "': probe server did not answer");
            }
            return answer;
        }

        public void close() {}
    }

    /** {@code type: planned}: a Store whose plan lists the columns and the sampled rows; writes nothing anywhere. */
    public static final class PlannedFactory implements StoreFactory<PlannedFactory.Options>, StoreFactory.PlansWrites {
        public static class Options {
            public String table = "t";
        }

        public String type() {
            return "planned";
        }

        public Class<Options> optionsType() {
            return Options.class;
        }

        public Store create(Options options, HyggeContext context) {
            return new PlannedStore(options.table);
        }
    }

    record PlannedStore(String table) implements Store, SupportsWritePlan {
        public String describe() {
            return "planned table " + table;
        }

        public int sampleBatches() {
            return 1;
        }

        public StoreWrite begin(WriteRequest request) {
            throw new AssertionError("debug began a write");
        }

        public WritePlan planWrite(WriteRequest request) {
            long rows = request.sample().stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
            String create = "CREATE TABLE " + table + " (" + request.schema().getFields().size() + " columns)";
            return new WritePlan() {
                public String describe() {
                    return create + "\nfrom " + rows + " sampled rows";
                }

                public java.util.List<String> statements() {
                    return java.util.List.of(create);
                }
            };
        }
    }

    private static Plugins plugins() {
        return GatedHomeFactory.plugins().toBuilder().connection(new ProbeFactory()).store(new PlannedFactory()).build();
    }

    private CliTest.Run debug(String answer) throws IOException {
        Files.writeString(tmp.resolve("hygge.yml"), """
                name: capabilities
                connections:
                  side: {type: probe, answer: "%s"}
                flows:
                  sample:
                    home: {type: gated, rows: 250}
                    store: {type: planned, table: sample_rows}
                """.formatted(answer));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HyggeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), DebugCapabilitiesTest::plugins,
                "debug", "--project", tmp.toString());
        return new CliTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void aConnectionThatSupportsATestIsTestedAndItsAnswerShown() throws IOException {
        CliTest.Run run = debug("probe v7 answered");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("connection side (probe): ok, probe v7 answered");
    }

    @Test
    void aConnectionWhoseTestFailsFailsDebug() throws IOException {
        CliTest.Run run = debug("unreachable");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(HyggeCli.FLOW_FAILED);
        assertThat(run.out()).contains("connection side (probe): FAILED: connection 'side': probe server did not answer")
                .doesNotContain("connection side (probe): ok");
    }

    @Test
    void aStoreWhoseFactoryPlansWritesShowsThePlanFromTheSample() throws IOException {
        CliTest.Run run = debug("ok");
        assertThat(run.out()).as(run.err())
                .contains("store: planned table sample_rows (nothing written), the write would be:")
                .contains("    CREATE TABLE sample_rows (")
                .containsPattern("    from [1-9][0-9]* sampled rows");
    }
}
