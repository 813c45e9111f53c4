package dev.hygge.azure;

import dev.hygge.spi.OptionProblems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of an Azure location, from a Store's or Home's {@code storage:} map (or the
 * original hygge's {@code adls}/{@code onelake} Store keys). Secrets ({@code client_secret},
 * {@code storage_account_key}, {@code sas_token}) are masked wherever settings are shown.
 */
record AzureSettings(String credential, String tenantId, String clientId, String clientSecret, String accountKey,
        String sasToken, Boolean hierarchical, long blockSize, int uploadThreads) {

    static final Set<String> CREDENTIALS = Set.of("default", "managed_identity", "service_principal", "storage_key", "sas");

    static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("credential", "default (DefaultAzureCredential) | managed_identity | service_principal | storage_key | sas");
        keys.put("tenant_id", "service_principal: the Entra tenant");
        keys.put("client_id", "service_principal: the application id; managed_identity: a user-assigned identity's client id");
        keys.put("client_secret", "service_principal: the application's secret (secret)");
        keys.put("storage_account_key", "storage_key: the account key (secret)");
        keys.put("sas_token", "sas: a shared access signature, with or without its leading '?' (secret)");
        keys.put("hierarchical", "true when a blob.core.windows.net account has a hierarchical namespace (commit by rename)");
        keys.put("block_size_mb", "files up to this many MiB go up in one request, larger ones in blocks of it; 1 to 4000 (default 64)");
        keys.put("upload_threads", "blocks sent at once per file (default 4)");
        return Map.copyOf(keys);
    }

    static void validate(Map<String, String> s, OptionProblems problems) {
        String credential = s.getOrDefault("credential", "default");
        if (!CREDENTIALS.contains(credential)) {
            problems.add("credential", "credential must be one of default, managed_identity, service_principal,"
                    + " storage_key, sas; not '" + credential + "'");
            return;
        }
        switch (credential) {
            case "service_principal" -> {
                for (String key : new String[] {"tenant_id", "client_id", "client_secret"}) {
                    if (blank(s.get(key))) {
                        problems.add(key, "credential: service_principal needs " + key);
                    }
                }
            }
            case "storage_key" -> {
                if (blank(s.get("storage_account_key"))) {
                    problems.add("storage_account_key", "credential: storage_key needs storage_account_key");
                }
            }
            case "sas" -> {
                if (blank(s.get("sas_token"))) {
                    problems.add("sas_token", "credential: sas needs sas_token");
                }
            }
            default -> { }
        }
        for (String key : new String[] {"client_secret", "storage_account_key", "sas_token"}) {
            boolean needed = key.equals("client_secret") ? credential.equals("service_principal")
                    : key.equals("storage_account_key") ? credential.equals("storage_key") : credential.equals("sas");
            if (s.containsKey(key) && !needed) {
                problems.add(key, key + " is only read with credential: "
                        + (key.equals("client_secret") ? "service_principal" : key.equals("sas_token") ? "sas" : "storage_key")
                        + " (credential is " + credential + ")");
            }
        }
        if (s.containsKey("hierarchical") && !s.get("hierarchical").matches("(?i)true|false")) {
            problems.add("hierarchical", "hierarchical must be true or false, not '" + s.get("hierarchical") + "'");
        }
        number(s, "block_size_mb", 1, 4000, problems);
        number(s, "upload_threads", 1, 64, problems);
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    private static void number(Map<String, String> s, String key, long min, long max, OptionProblems problems) {
        if (!s.containsKey(key)) {
            return;
        }
        try {
            long v = Long.parseLong(s.get(key).trim());
            if (v < min || v > max) {
                problems.add(key, key + " must be from " + min + " to " + max + ", not " + v);
            }
        } catch (NumberFormatException e) {
            problems.add(key, key + " must be a whole number, not '" + s.get(key) + "'");
        }
    }

    static AzureSettings of(Map<String, String> s) {
        return new AzureSettings(s.getOrDefault("credential", "default"), s.get("tenant_id"), s.get("client_id"),
                s.get("client_secret"), s.get("storage_account_key"), s.get("sas_token"),
                s.containsKey("hierarchical") ? Boolean.valueOf(s.get("hierarchical")) : null,
                Long.parseLong(s.getOrDefault("block_size_mb", "64").trim()) << 20,
                Integer.parseInt(s.getOrDefault("upload_threads", "4").trim()));
    }

    @Override
    public String toString() {
        return "AzureSettings[credential=" + credential + ", tenantId=" + tenantId + ", clientId=" + clientId + "]";
    }
}
