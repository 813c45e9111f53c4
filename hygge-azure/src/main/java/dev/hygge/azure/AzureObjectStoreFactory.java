package dev.hygge.azure;

import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.ObjectStoreFactory;
import dev.hygge.spi.OptionProblems;
import java.net.URI;
import java.util.Map;

/**
 * Serves Azure locations: ADLS Gen2 ({@code abfss://<container>@<account>.dfs.core.windows.net/<path>}),
 * OneLake ({@code https://onelake.dfs.fabric.microsoft.com/<workspace>/<item>/Files/<path>}), Blob
 * ({@code https://<account>.blob.core.windows.net/<container>/<path>}) and an emulator's
 * {@code http://127.0.0.1:<port>/<account>/<container>/<path>}.
 *
 * <pre>{@code
 * store:
 *   type: parquet
 *   path: abfss://lake@contoso.dfs.core.windows.net/sales/{entity}
 *   storage: {credential: service_principal, tenant_id: ..., client_id: ..., client_secret: ${SP_SECRET}}
 * }</pre>
 *
 * @since 0.4
 */
public final class AzureObjectStoreFactory implements ObjectStoreFactory {
    @Override
    public String name() {
        return "azure";
    }

    @Override
    public String forms() {
        return "abfss://<container>@<account>.dfs.core.windows.net/<path>, https://<account>.blob.core.windows.net/<container>/<path>,"
                + " https://onelake.dfs.fabric.microsoft.com/<workspace>/<item>/Files/<path>";
    }

    @Override
    public boolean serves(URI location) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase();
        String host = location.getHost() == null ? "" : location.getHost().toLowerCase();
        if (scheme.equals("abfss") || scheme.equals("abfs")) {
            return true;
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return false;
        }
        return host.matches(".+\\.(blob|dfs)\\.(core\\.windows\\.net|fabric\\.microsoft\\.com|core\\.chinacloudapi\\.cn|core\\.usgovcloudapi\\.net)")
                // an emulator: http://127.0.0.1:<port>/<account>/<container>/...
                || ((host.equals("127.0.0.1") || host.equals("localhost")) && location.getPort() > 0);
    }

    @Override
    public Map<String, String> settings() {
        return AzureSettings.KEYS;
    }

    @Override
    public void validate(URI location, Map<String, String> settings, OptionProblems problems) {
        AzureSettings.validate(settings, problems);
    }

    @Override
    public ObjectStore open(URI location, Map<String, String> settings) {
        return new AzureObjectStore(AzureLocation.parse(location), AzureSettings.of(settings));
    }
}
