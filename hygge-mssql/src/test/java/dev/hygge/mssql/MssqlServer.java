package dev.hygge.mssql;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MSSQLServerContainer;

/**
 * The SQL Server the end-to-end tests run against: {@code HYGGE_MSSQL_URL} when set (a JDBC URL
 * with credentials), else a Testcontainers SQL Server 2022 where Docker is available, else the
 * tests are skipped with a message saying how to run them.
 */
final class MssqlServer {
    static final String HOW = "No SQL Server for the end-to-end tests: set HYGGE_MSSQL_URL (e.g. "
            + "jdbc:sqlserver://localhost:1433;databaseName=master;user=sa;password=...;encrypt=false) or run where Docker is"
            + " available (Testcontainers starts mcr.microsoft.com/mssql/server:2022-latest), then: "
            + "./mvnw -pl hygge-mssql verify. See hygge-mssql/README.md";

    private static MSSQLServerContainer<?> container;
    private static String url;
    private static boolean unavailable;

    private MssqlServer() {}

    /**
     * A JDBC URL of a running server: {@code HYGGE_MSSQL_URL}, or a container started on first use;
     * empty when neither is possible (then every test reports itself skipped with {@link #HOW}).
     */
    static synchronized java.util.Optional<String> url() {
        if (url != null || unavailable) {
            return java.util.Optional.ofNullable(url);
        }
        String configured = System.getenv("HYGGE_MSSQL_URL");
        if (configured != null && !configured.isBlank()) {
            url = configured;
            return java.util.Optional.of(url);
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            LoggerFactory.getLogger(MssqlServer.class).warn(HOW);
            unavailable = true;
            return java.util.Optional.empty();
        }
        container = new MSSQLServerContainer<>("mcr.microsoft.com/mssql/server:2022-latest").acceptLicense();
        container.start();
        url = container.getJdbcUrl() + ";user=" + container.getUsername() + ";password=" + container.getPassword();
        return java.util.Optional.of(url);
    }

    /**
     * Runs each test of a class only when a server answers, else reports that test skipped with
     * {@link #HOW}: an assumption failing in {@code @BeforeAll} reported the class as 0 run and 0
     * skipped, as if it had no tests.
     */
    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("the class runs; each test asks for the server");
            }
            return url().isPresent() ? ConditionEvaluationResult.enabled("SQL Server at hand")
                    : ConditionEvaluationResult.disabled(HOW);
        }
    }

    /** A pool over the server, configured as {@link MssqlDataSource} configures its own. */
    static MssqlConnection pool(String name, int size) {
        SQLServerDataSource ds = new SQLServerDataSource();
        ds.setURL(url().orElseThrow(() -> new IllegalStateException(HOW)));
        ds.setSendTemporalDataTypesAsStringForBulkCopy(false);
        return MssqlConnection.pooled(name, ds, size, 30_000, "it");
    }
}
