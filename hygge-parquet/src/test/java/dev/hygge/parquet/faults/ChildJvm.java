package dev.hygge.parquet.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ParquetFaultChild} run in a JVM of its own (this JVM's java and class path, the Arrow
 * flag, and a temp folder of its own, so the native library DuckDB unpacks in a killed child goes
 * with the test's folder). Its output lines can be awaited, to kill it at a chosen moment.
 *
 * <pre>{@code
 * ChildJvm child = ChildJvm.start(dir, "append", lake.toString(), "150000");
 * child.await("committing", Duration.ofSeconds(60));
 * child.kill();
 * }</pre>
 */
public final class ChildJvm {
    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed
            }
            lines.add("<end>");
        }, "child output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@link ParquetFaultChild} with {@code args}; its temp folder and error log go below {@code dir}. */
    public static ChildJvm start(Path dir, String... args) throws IOException {
        return start(dir, ParquetFaultChild.class, args);
    }

    /** Starts the class {@code main} with {@code args}, as {@link #start(Path, String...)} does. */
    public static ChildJvm start(Path dir, Class<?> main, String... args) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("child-tmp"));
        Path errors = Files.createTempFile(tmp, "child", ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        return new ChildJvm(process, errors);
    }

    /** Waits until the child prints a line starting with {@code prefix}; false when it ended or the time ran out first. */
    public boolean await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("<end>")) {
                if (line != null) {
                    lines.add(line);
                }
                return false;
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return true;
            }
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Kills the child at once (SIGKILL) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the child to exit and returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("child did not finish in " + timeout + "; " + describe());
        }
        return process.exitValue();
    }

    /** What the child printed, for assertion messages. */
    public String describe() {
        List<String> all = new ArrayList<>(seen);
        lines.forEach(all::add);
        String err;
        try {
            err = Files.readString(errors);
        } catch (IOException e) {
            err = e.toString();
        }
        return "child output " + all + ", errors:\n" + (err.length() > 4000 ? err.substring(0, 4000) : err);
    }
}
