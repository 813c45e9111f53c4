package dev.hygge.mssql;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import org.junit.jupiter.api.Assumptions;
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

    private MssqlServer() {}

    /** A JDBC URL of a running server; skips the calling test when there is none. */
    static synchronized String url() {
        if (url != null) {
            return url;
        }
        String configured = System.getenv("HYGGE_MSSQL_URL");
        if (configured != null && !configured.isBlank()) {
            url = configured;
            return url;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            LoggerFactory.getLogger(MssqlServer.class).warn(HOW);
        }
        Assumptions.assumeTrue(docker, HOW);
        container = new MSSQLServerContainer<>("mcr.microsoft.com/mssql/server:2022-latest").acceptLicense();
        container.start();
        url = container.getJdbcUrl() + ";user=" + container.getUsername() + ";password=" + container.getPassword();
        return url;
    }

    /** A pool over the server, configured as {@link MssqlConnection} configures its own. */
    static MssqlConnection pool(String name, int size) {
        SQLServerDataSource ds = new SQLServerDataSource();
        ds.setURL(url());
        ds.setSendTemporalDataTypesAsStringForBulkCopy(false);
        return MssqlConnection.pooled(name, ds, size, 30_000, "it");
    }
}
