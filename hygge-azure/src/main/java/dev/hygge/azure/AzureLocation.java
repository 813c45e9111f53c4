package dev.hygge.azure;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.ObjectKeys;
import java.net.InetAddress;
import java.net.URI;

/**
 * An Azure storage location, from any of the URL forms users write:
 * <ul>
 *   <li>{@code abfss://<container>@<account>.dfs.core.windows.net/<path>} (ADLS Gen2, hierarchical)</li>
 *   <li>{@code https://<account>.dfs.core.windows.net/<container>/<path>} (ADLS Gen2, hierarchical)</li>
 *   <li>{@code https://<account>.blob.core.windows.net/<container>/<path>} (Blob, flat unless {@code hierarchical: true})</li>
 *   <li>{@code https://onelake.dfs.fabric.microsoft.com/<workspace>/<item>/Files/<path>} and
 *       {@code abfss://<workspace>@onelake.dfs.fabric.microsoft.com/<item>/Files/<path>} (OneLake, hierarchical)</li>
 *   <li>{@code http://127.0.0.1:10000/<account>/<container>/<path>} (an emulator: account in the path, flat)</li>
 * </ul>
 *
 * @param account the storage account ({@code onelake} for OneLake)
 * @param container the container, file system, or OneLake workspace
 * @param prefix the path inside it, empty or ending with {@code /}
 * @param blobEndpoint the account's Blob endpoint (no container)
 * @param dfsEndpoint the account's DFS endpoint, or null where there is none (an emulator)
 * @param hierarchical whether the URL's form says hierarchical namespace
 */
record AzureLocation(String account, String container, String prefix, String blobEndpoint, String dfsEndpoint,
        boolean hierarchical) {

    static AzureLocation parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        if (uri.getRawQuery() != null) {
            throw new ConfigException(redacted(uri) + ": put a SAS token under sas_token (credential: sas), not in the URL");
        }
        if (scheme.equals("abfss") || scheme.equals("abfs")) {
            if (uri.getUserInfo() == null || uri.getUserInfo().isEmpty()) {
                throw new ConfigException(redacted(uri) + ": write abfss://<container>@<account>.dfs.core.windows.net/<path>");
            }
            return of(uri, accountOf(host, uri), uri.getUserInfo(), path, host, true);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ConfigException(redacted(uri) + " is not an Azure storage URL");
        }
        if (isLocal(host)) {
            String[] parts = path.split("/", 3);
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ConfigException(redacted(uri) + ": an emulator's URL is http://host:port/<account>/<container>/<path>");
            }
            String base = scheme + "://" + uri.getRawAuthority() + "/" + parts[0];
            return new AzureLocation(parts[0], parts[1], folder(uri, parts.length > 2 ? parts[2] : ""), base, null, false);
        }
        String[] parts = path.split("/", 2);
        if (parts[0].isEmpty()) {
            throw new ConfigException(redacted(uri) + " names no container: write https://" + host + "/<container>/<path>");
        }
        return of(uri, accountOf(host, uri), parts[0], parts.length > 1 ? parts[1] : "", host,
                host.contains(".dfs."));
    }

    private static AzureLocation of(URI uri, String account, String container, String path, String host,
            boolean hierarchical) {
        String blobHost = host.replace(".dfs.", ".blob.");
        String dfsHost = host.replace(".blob.", ".dfs.");
        return new AzureLocation(account, container, folder(uri, path), "https://" + blobHost, "https://" + dfsHost,
                hierarchical);
    }

    private static String accountOf(String host, URI uri) {
        int dot = host.indexOf('.');
        if (dot <= 0 || !(host.endsWith(".core.windows.net") || host.endsWith(".fabric.microsoft.com")
                || host.endsWith(".core.chinacloudapi.cn") || host.endsWith(".core.usgovcloudapi.net"))) {
            throw new ConfigException(redacted(uri) + ": the host is not an Azure storage account"
                    + " (<account>.blob.core.windows.net, <account>.dfs.core.windows.net, onelake.dfs.fabric.microsoft.com)");
        }
        return host.substring(0, dot);
    }

    private static String folder(URI uri, String path) {
        try {
            ObjectKeys.checkPrefix(path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(redacted(uri) + ": " + e.getMessage());
        }
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    private static boolean isLocal(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-f:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static String redacted(URI uri) {
        return uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The location for messages. */
    String describe() {
        return blobEndpoint + "/" + container + "/" + prefix;
    }
}
