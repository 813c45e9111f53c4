package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import com.microsoft.sqlserver.jdbc.SqlAuthenticationToken;
import dev.hygge.spi.ConfigException;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MssqlConnectionTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void capsStoreStreamsByThePoolKeepingOneForTheFinalTransaction() {
        assertThat(MssqlStore.streams(8, 8)).isEqualTo(7);
        assertThat(MssqlStore.streams(8, 20)).isEqualTo(8);
        assertThat(MssqlStore.streams(4, 2)).isEqualTo(1);
        assertThat(MssqlStore.streams(1, 8)).isEqualTo(1);
    }

    @Test
    void refusesAStoreOnAPoolOfOne() {
        MssqlStoreOptions options = new MssqlStoreOptions();
        options.connection = "one";
        options.table = "dbo.t";
        try (MssqlConnection pool = MssqlConnection.pooled("one", h2("one"), 1, 300, "h2");
             org.apache.arrow.memory.RootAllocator allocator = new org.apache.arrow.memory.RootAllocator()) {
            assertThatThrownBy(() -> new MssqlStore(options, pool, allocator)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("at least 2 pooled connections").hasMessageContaining("pool_size 1");
        }
    }

    @Test
    void fetchesATokenPerLoginAndRefreshesItBeforeItExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        AtomicInteger issued = new AtomicInteger();
        List<String> scopes = new ArrayList<>();
        TokenCredential fake = request -> {
            scopes.addAll(request.getScopes());
            int n = issued.incrementAndGet();
            return Mono.just(new AccessToken("token-" + n, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusHours(1)));
        };
        AzureTokenCallback callback = new AzureTokenCallback("warehouse", fake, clock);

        SqlAuthenticationToken first = callback.getAccessToken("https://database.windows.net/", "https://login.example/tenant");
        assertThat(first.getAccessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(30));
        assertThat(callback.getAccessToken("https://database.windows.net/", null).getAccessToken())
                .as("still valid: reused").isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(26)); // 4 minutes before expiry: inside the refresh margin
        SqlAuthenticationToken refreshed = callback.getAccessToken("https://database.windows.net/", null);
        assertThat(refreshed.getAccessToken()).isEqualTo("token-2");
        assertThat(refreshed.getExpiresOn().toInstant()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(5)); // a pool connection opened long after start-up
        assertThat(callback.getAccessToken("https://database.windows.net/", null).getAccessToken()).isEqualTo("token-3");
        assertThat(scopes).containsOnly("https://database.windows.net/.default");
        assertThat(AzureTokenCallback.scope("https://database.usgovcloudapi.net")).isEqualTo("https://database.usgovcloudapi.net/.default");
    }

    @Test
    void tokenFailuresNameTheConnectionNotTheSecret() {
        TokenCredential failing = request -> Mono.error(new IllegalStateException("ClientSecretCredential authentication unavailable"));
        AzureTokenCallback callback = new AzureTokenCallback("warehouse", failing);
        assertThatThrownBy(() -> callback.getAccessToken(null, null))
                .hasMessageContaining("Connection 'warehouse'")
                .hasMessageContaining("https://database.windows.net/.default")
                .hasMessageContaining("ClientSecretCredential");
    }

    @Test
    void optionsNeverShowSecrets() {
        MssqlConnectionOptions options = new MssqlConnectionOptions();
        options.server = "sql.example.com";
        options.user = "loader";
        options.password = "hunter2-very-secret";
        assertThat(options.validate("c").toString()).contains("sql.example.com", "loader", "password=***")
                .doesNotContain("hunter2");
        MssqlConnectionOptions sp = new MssqlConnectionOptions();
        sp.server = "s";
        sp.auth = MssqlConnectionOptions.Auth.SERVICE_PRINCIPAL;
        sp.tenantId = "t";
        sp.clientId = "c";
        sp.clientSecret = "s3cr3t-value";
        sp.validate("c");
        try (MssqlConnection connection = MssqlConnection.open("sp", sp)) {
            assertThat(connection.toString()).contains("service_principal", "client_secret=***").doesNotContain("s3cr3t");
        }
    }

    @Test
    void validatesAuthSettings() {
        MssqlConnectionOptions options = new MssqlConnectionOptions();
        assertThatThrownBy(() -> options.validate("Connection 'w'")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'server' is required");
        options.server = "s";
        assertThat(options.validate("w").effectiveAuth()).isEqualTo(MssqlConnectionOptions.Auth.AZURE_DEFAULT);
        options.auth = MssqlConnectionOptions.Auth.SERVICE_PRINCIPAL;
        assertThatThrownBy(() -> options.validate("Connection 'w'")).hasMessageContaining("needs option 'tenant_id'");
        options.auth = MssqlConnectionOptions.Auth.SQL;
        options.user = "u";
        assertThatThrownBy(() -> options.validate("Connection 'w'")).hasMessageContaining("needs option 'password'");
        options.auth = MssqlConnectionOptions.Auth.MANAGED_IDENTITY;
        assertThatThrownBy(() -> options.validate("Connection 'w'")).hasMessageContaining("only used by auth: sql");
        options.user = null;
        options.poolSize = 0;
        assertThatThrownBy(() -> options.validate("Connection 'w'")).hasMessageContaining("pool_size");
    }

    @Test
    void configuresTheDriverForArrowBulkCopy() {
        MssqlConnectionOptions options = new MssqlConnectionOptions();
        options.server = "sql.example.com";
        options.database = "analytics";
        options.user = "u";
        options.password = "p";
        options.trustServerCertificate = true;
        options.properties = Map.of("multiSubnetFailover", "true", "packetSize", "32767");
        SQLServerDataSource ds = MssqlDataSource.of("w", options.validate("w"));
        assertThat(ds.getSendTemporalDataTypesAsStringForBulkCopy()).isFalse();
        assertThat(ds.getServerName()).isEqualTo("sql.example.com");
        assertThat(ds.getDatabaseName()).isEqualTo("analytics");
        assertThat(ds.getTrustServerCertificate()).isTrue();
        assertThat(ds.getMultiSubnetFailover()).isTrue();
        assertThat(ds.getPacketSize()).isEqualTo(32767);
        options.properties = Map.of("noSuchThing", "1");
        assertThatThrownBy(() -> MssqlDataSource.of("w", options)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'noSuchThing' is not a SQL Server driver property");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
