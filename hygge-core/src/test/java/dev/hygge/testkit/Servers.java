package dev.hygge.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database servers end-to-end tests talk to (PostgreSQL, MariaDB): whether one answers, and
 * what a test does when none does. On a newcomer's laptop each test reports itself skipped with
 * the reason and how to run it; where {@code HYGGE_REQUIRE_SERVERS=1} is set (CI's {@code .ci/run})
 * a missing server fails every test that needed it, so a CI run never passes by skipping.
 *
 * <pre>{@code
 * final class PostgresServer extends Servers.Required {
 *     protected String server() { return "PostgreSQL at " + URL; }
 *     protected Optional<String> unavailable() { return Servers.probe(URL, () -> DriverManager.getConnection(URL)); }
 *     protected String how() { return "start one, or set HYGGE_POSTGRES_URL"; }
 * }
 * @ExtendWith(PostgresServer.class) class PostgresTableStoreIT extends TableStoreContract { ... }
 * }</pre>
 */
public final class Servers {
    /** The environment variable that turns a missing server from a skip into a failure. */
    public static final String REQUIRE = "HYGGE_REQUIRE_SERVERS";

    private static final Map<String, Optional<String>> PROBED = new ConcurrentHashMap<>();

    private Servers() {}

    /** Whether {@value #REQUIRE} is {@code 1} (or {@code true}): a missing server fails the test. */
    public static boolean required() {
        String value = System.getenv(REQUIRE);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** The environment variable {@code name} when set and not blank, else {@code fallback}. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Opens and closes one connection through {@code connect}, once per {@code key} for the whole
     * JVM; empty when it worked, else why not (the driver's message).
     */
    public static Optional<String> probe(String key, Callable<? extends AutoCloseable> connect) {
        return PROBED.computeIfAbsent(key, k -> {
            try (AutoCloseable connection = connect.call()) {
                return Optional.empty();
            } catch (Exception e) {
                return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    /**
     * Runs each test only when the server answers; otherwise skips it with the reason, or fails it
     * when {@link #required()}. Evaluated per test method (an assumption failing in
     * {@code @BeforeAll} reports a class as run with no tests).
     */
    public abstract static class Required implements ExecutionCondition {
        /** The server, for messages ({@code "PostgreSQL at jdbc:postgresql://127.0.0.1:5432/test"}). */
        protected abstract String server();

        /** Empty when the server answers, else why not. */
        protected abstract Optional<String> unavailable();

        /** How to make it answer: what to start or which variable to set. */
        protected abstract String how();

        @Override
        public final ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("the class runs; each test asks for the server");
            }
            Optional<String> why = unavailable();
            if (why.isEmpty()) {
                return ConditionEvaluationResult.enabled(server() + " answers");
            }
            String message = "No " + server() + ": " + why.get() + ". " + how();
            if (required()) {
                throw new IllegalStateException(message + " (" + REQUIRE + "=1 is set, so a missing server is a failure)");
            }
            return ConditionEvaluationResult.disabled(message);
        }
    }
}
