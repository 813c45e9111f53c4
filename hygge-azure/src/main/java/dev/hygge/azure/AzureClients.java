package dev.hygge.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

/**
 * The SDK clients of one location, built with the credential its settings name: the Blob API for
 * everything, the DFS API for renames where the namespace is hierarchical.
 */
final class AzureClients {
    private static final String ALLOW_RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";

    private AzureClients() {}

    static BlobContainerClient blob(AzureLocation location, AzureSettings settings, HttpClient http) {
        BlobServiceClientBuilder b = new BlobServiceClientBuilder().endpoint(location.blobEndpoint()).httpClient(http);
        switch (settings.credential()) {
            case "storage_key" -> b.credential(new StorageSharedKeyCredential(location.account(), settings.accountKey()));
            case "sas" -> b.credential(new AzureSasCredential(sas(settings)));
            default -> b.credential(token(settings));
        }
        return b.buildClient().getBlobContainerClient(location.container());
    }

    static DataLakeFileSystemClient dfs(AzureLocation location, AzureSettings settings, HttpClient http) {
        DataLakeServiceClientBuilder b = new DataLakeServiceClientBuilder().endpoint(location.dfsEndpoint()).httpClient(http);
        switch (settings.credential()) {
            case "storage_key" -> b.credential(new StorageSharedKeyCredential(location.account(), settings.accountKey()));
            case "sas" -> b.credential(new AzureSasCredential(sas(settings)));
            default -> b.credential(token(settings));
        }
        return b.buildClient().getFileSystemClient(location.container());
    }

    /**
     * The JDK's HTTP client for every SDK client of a location. The SDK sets {@code Content-Length}
     * on each request with a body; azure-core-http-jdk-httpclient frames the body by it and drops
     * the header the JDK refuses from callers, logging a WARN per request (about 140 for a 10M-row
     * write), unless its own copy of the JDK's {@code jdk.httpclient.allowRestrictedHeaders} names
     * the header. So it is told here, in its configuration only (no JVM-wide property), and
     * {@link BodyFramedHttpClient} removes the header before the JDK sees it: the body goes out with
     * {@code Content-Length} from its publisher's length, as before.
     */
    static HttpClient http() {
        String allowed = Configuration.getGlobalConfiguration().get(ALLOW_RESTRICTED_HEADERS, "");
        Configuration configuration = new ConfigurationBuilder()
                .putProperty(ALLOW_RESTRICTED_HEADERS, allowed.isBlank() ? "content-length" : allowed + ",content-length")
                .build();
        return new JdkHttpClientBuilder(BodyFramedHttpClient.framingBuilder()).configuration(configuration).build();
    }

    private static String sas(AzureSettings settings) {
        String sas = settings.sasToken().trim();
        return sas.startsWith("?") ? sas.substring(1) : sas;
    }

    private static TokenCredential token(AzureSettings settings) {
        return switch (settings.credential()) {
            case "service_principal" -> new ClientSecretCredentialBuilder().tenantId(settings.tenantId())
                    .clientId(settings.clientId()).clientSecret(settings.clientSecret()).build();
            case "managed_identity" -> {
                ManagedIdentityCredentialBuilder m = new ManagedIdentityCredentialBuilder();
                if (settings.clientId() != null) {
                    m.clientId(settings.clientId());
                }
                yield m.build();
            }
            default -> {
                DefaultAzureCredentialBuilder d = new DefaultAzureCredentialBuilder();
                if (settings.tenantId() != null) {
                    d.tenantId(settings.tenantId());
                }
                if (settings.clientId() != null) {
                    d.managedIdentityClientId(settings.clientId());
                }
                yield d.build();
            }
        };
    }
}
