package dev.hygge.azure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named Azure storage connection ({@code connections: {lake: {type: azure, ...}}}): the
 * {@code storage:} settings of an Azure location, shared by the flows that name it.
 */
public class AzureConnectionOptions {
    public String credential = "default";
    public String tenantId;
    public String clientId;
    public String clientSecret;
    public String storageAccountKey;
    public String sasToken;
    public Boolean hierarchical;
    public Integer blockSizeMb;
    public Integer uploadThreads;

    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        put(s, "credential", credential);
        put(s, "tenant_id", tenantId);
        put(s, "client_id", clientId);
        put(s, "client_secret", clientSecret);
        put(s, "storage_account_key", storageAccountKey);
        put(s, "sas_token", sasToken);
        put(s, "hierarchical", hierarchical);
        put(s, "block_size_mb", blockSizeMb);
        put(s, "upload_threads", uploadThreads);
        return s;
    }

    private static void put(Map<String, String> s, String key, Object value) {
        if (value != null) {
            s.put(key, String.valueOf(value));
        }
    }
}
