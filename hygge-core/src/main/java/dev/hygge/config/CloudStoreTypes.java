package dev.hygge.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The original hygge's Store types {@code adls} and {@code onelake}: its parquet Store at an Azure
 * location, read here as {@code type: parquet} with a cloud {@code path} and the credential keys
 * under {@code storage:} (served by whichever storage plugin claims the URL), with one note.
 *
 * <pre>{@code
 * # the original's                                      # read as
 * store:                                                store:
 *   type: adls                                            type: parquet
 *   account_url: https://acct.dfs.core.windows.net        path: https://acct.dfs.core.windows.net/lake/sales/{entity}
 *   filesystem: lake                                      storage: {credential: service_principal, tenant_id: ..., ...}
 *   path: sales/{entity}                                  compression: zstd
 *   credential: service_principal
 *   tenant_id: ...
 *   compression: zstd
 * }</pre>
 */
final class CloudStoreTypes {
    static final List<String> TYPES = List.of("adls", "onelake");
    /** The keys that go under {@code storage:}: the location's credentials. */
    static final List<String> STORAGE_KEYS = List.of("credential", "tenant_id", "client_id", "client_secret",
            "storage_account_key", "sas_token");

    private CloudStoreTypes() {}

    /** Whether {@code type} is one of the original's cloud Store types. */
    static boolean handles(String role, String type) {
        return role.equals("store") && TYPES.contains(type);
    }

    /**
     * The node as a parquet Store's: {@code account_url}, {@code filesystem} and {@code path} joined
     * into one URL path, credential keys moved under {@code storage:}, other keys kept as they are.
     */
    static YamlNode asParquet(YamlNode node, String type, String where, Problems problems, Consumer<String> note) {
        YamlNode accountUrl = node.get("account_url");
        YamlNode filesystem = node.get("filesystem");
        if (accountUrl == null || !accountUrl.isScalar() || filesystem == null || !filesystem.isScalar()) {
            problems.add(node.origin(), "the " + type + " Store of " + where + " needs account_url (e.g. https://<account>"
                    + (type.equals("onelake") ? ".dfs.fabric.microsoft.com" : ".dfs.core.windows.net")
                    + ") and filesystem (" + (type.equals("onelake") ? "the workspace" : "the container") + ")");
            return node;
        }
        YamlNode path = node.get("path");
        String url = String.valueOf(accountUrl.scalarValue()).replaceAll("/+$", "") + "/"
                + String.valueOf(filesystem.scalarValue()).replaceAll("^/+|/+$", "")
                + (path == null ? "" : "/" + String.valueOf(path.scalarValue()).replaceAll("^/+", ""));
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, YamlNode> storage = new LinkedHashMap<>();
        YamlNode given = node.get("storage");
        if (given != null && given.isMap()) {
            storage.putAll(given.entries());
        }
        node.entries().forEach((key, value) -> {
            switch (key) {
                case "type" -> entries.put("type", YamlNode.scalar("parquet", value.origin()));
                case "account_url", "filesystem", "storage" -> { }
                case "path" -> { }
                default -> {
                    if (STORAGE_KEYS.contains(key)) {
                        storage.put(key, value);
                    } else {
                        entries.put(key, value);
                    }
                }
            }
        });
        entries.put("path", (path != null ? path : accountUrl).with(url));
        if (!storage.isEmpty()) {
            entries.put("storage", YamlNode.map(storage, node.origin()));
        }
        note.accept(node.get("type").origin() + ": the store of " + where + " is the original hygge's type " + type
                + "; it is the parquet Store at " + url + ": write type: parquet, path: " + url
                + (storage.isEmpty() ? "" : ", storage: {" + String.join(", ", storage.keySet()) + "}"));
        return YamlNode.map(entries, node.origin());
    }
}
