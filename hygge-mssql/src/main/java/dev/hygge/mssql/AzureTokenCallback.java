package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.sqlserver.jdbc.SQLServerAccessTokenCallback;
import com.microsoft.sqlserver.jdbc.SqlAuthenticationToken;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the driver an Azure AD token each time a pooled connection logs in, from a
 * {@link TokenCredential}: a token is reused until five minutes before it expires, then a new one
 * is fetched. So a pool never logs in with a token cached at start-up that has since expired.
 *
 * <pre>{@code
 * dataSource.setAccessTokenCallback(new AzureTokenCallback("warehouse", new DefaultAzureCredentialBuilder().build()));
 * }</pre>
 *
 * <p>Tokens never appear in logs or messages.
 */
final class AzureTokenCallback implements SQLServerAccessTokenCallback {
    private static final Logger LOG = LoggerFactory.getLogger(AzureTokenCallback.class);
    static final String DEFAULT_RESOURCE = "https://database.windows.net/";
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final String connection;
    private final TokenCredential credential;
    private final Clock clock;
    private AccessToken cached;
    private String cachedScope;

    AzureTokenCallback(String connection, TokenCredential credential) {
        this(connection, credential, Clock.systemUTC());
    }

    AzureTokenCallback(String connection, TokenCredential credential, Clock clock) {
        this.connection = requireNonNull(connection, "connection is null");
        this.credential = requireNonNull(credential, "credential is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized SqlAuthenticationToken getAccessToken(String spn, String stsurl) {
        String scope = scope(spn);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (cached == null || !scope.equals(cachedScope) || !cached.getExpiresAt().minus(REFRESH_MARGIN).isAfter(now)) {
            AccessToken token;
            try {
                token = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
            } catch (RuntimeException e) {
                // Azure's messages name the credential that failed, never a secret.
                throw new IllegalStateException("Connection '" + connection + "': getting an Azure AD token for " + scope
                        + " failed: " + e.getMessage(), e);
            }
            if (token == null) {
                throw new IllegalStateException("Connection '" + connection + "': the Azure credential returned no token for " + scope);
            }
            cached = token;
            cachedScope = scope;
            LOG.debug("{} - new Azure AD token for {}, expires {}", connection, scope, token.getExpiresAt());
        }
        return new SqlAuthenticationToken(cached.getToken(), Date.from(cached.getExpiresAt().toInstant()));
    }

    /** The scope for the resource the server names ({@code https://database.windows.net/} → {@code .../.default}). */
    static String scope(String spn) {
        String resource = spn == null || spn.isBlank() ? DEFAULT_RESOURCE : spn;
        return resource.endsWith("/") ? resource + ".default" : resource + "/.default";
    }
}
