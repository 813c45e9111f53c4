package dev.hygge.azure;

import dev.hygge.spi.ObjectStore;
import dev.hygge.storage.ObjectStores;
import dev.hygge.testkit.ObjectStoreContract;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The object-store contract against a real account: what Azurite cannot stand in for, the DFS
 * endpoint's rename and folder delete (ADLS Gen2, OneLake) and Entra ID credentials. Runs where
 * {@code HYGGE_AZURE_URL} names a location to write under (a fresh folder per test is made below
 * it and removed), with {@code HYGGE_AZURE_CREDENTIAL} (default {@code default}) and, as that
 * credential needs, {@code HYGGE_AZURE_TENANT_ID}, {@code HYGGE_AZURE_CLIENT_ID},
 * {@code HYGGE_AZURE_CLIENT_SECRET}, {@code HYGGE_AZURE_STORAGE_ACCOUNT_KEY}, {@code HYGGE_AZURE_SAS_TOKEN};
 * skipped, saying so, elsewhere (also under {@code HYGGE_REQUIRE_SERVERS=1}: no CI has an account).
 *
 * <pre>{@code
 * HYGGE_AZURE_URL=abfss://lake@contoso.dfs.core.windows.net/hygge-it HYGGE_AZURE_CREDENTIAL=default \
 *   ./mvnw -pl hygge-azure -am verify -Dit.test=RealAccountIT
 * }</pre>
 */
@ExtendWith(RealAccountIT.Account.class)
class RealAccountIT extends ObjectStoreContract {
    static final class Account implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv("HYGGE_AZURE_URL");
            return url == null || url.isBlank()
                    ? ConditionEvaluationResult.disabled("HYGGE_AZURE_URL is not set: the DFS rename, folder deletes and Entra"
                            + " credentials need a real ADLS Gen2 or OneLake account (Azurite has no DFS endpoint)")
                    : ConditionEvaluationResult.enabled("against " + url);
        }
    }

    @Override
    protected ObjectStore open() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : AzureSettings.KEYS.keySet()) {
            String value = System.getenv("HYGGE_AZURE_" + key.toUpperCase(java.util.Locale.ROOT));
            if (value != null && !value.isBlank()) {
                settings.put(key, value);
            }
        }
        return ObjectStores.open(System.getenv("HYGGE_AZURE_URL").replaceAll("/+$", "") + "/t-" + UUID.randomUUID(), settings);
    }
}
