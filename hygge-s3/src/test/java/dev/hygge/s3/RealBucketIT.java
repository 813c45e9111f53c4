package dev.hygge.s3;

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
 * The object-store contract against a real bucket: what S3Mock cannot stand in for, S3's own
 * conditional writes, IAM credentials through the default chain. Runs where {@code HYGGE_S3_URL}
 * names a location ({@code s3://bucket/prefix}; a fresh folder per test below it), with
 * {@code HYGGE_S3_REGION}, {@code HYGGE_S3_ENDPOINT} and the like for each setting; skipped, saying
 * so, elsewhere (also under {@code HYGGE_REQUIRE_SERVERS=1}: no CI has an account).
 */
@ExtendWith(RealBucketIT.Bucket.class)
class RealBucketIT extends ObjectStoreContract {
    static final class Bucket implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv("HYGGE_S3_URL");
            return url == null || url.isBlank()
                    ? ConditionEvaluationResult.disabled("HYGGE_S3_URL is not set: S3's own conditional writes and IAM"
                            + " credentials need a real bucket (S3Mock runs the rest in S3ObjectStoreTest)")
                    : ConditionEvaluationResult.enabled("against " + url);
        }
    }

    @Override
    protected ObjectStore open() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : S3Settings.KEYS.keySet()) {
            String value = System.getenv("HYGGE_S3_" + key.toUpperCase(java.util.Locale.ROOT));
            if (value != null && !value.isBlank()) {
                settings.put(key, value);
            }
        }
        return ObjectStores.open(System.getenv("HYGGE_S3_URL").replaceAll("/+$", "") + "/t-" + UUID.randomUUID(), settings);
    }
}
