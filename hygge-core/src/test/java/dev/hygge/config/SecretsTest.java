package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void secretKeysAreRecognisedButMergeKeysAreNot() {
        assertThat(List.of("password", "db_password", "client_secret", "access_token", "api_key", "accountKey", "connection_string",
                "sas_token", "credentials")).allMatch(Secrets::isSecretKey);
        assertThat(List.of("keys", "primary_keys", "key_columns", "server", "table", "path", "monkey", "tokenizer"))
                .noneMatch(Secrets::isSecretKey);
    }

    @Test
    void masksNestedValuesAndSecretsInsideConnectionStrings() {
        Map<String, Object> masked = Secrets.mask(Map.of(
                "server", "db1",
                "password", "hunter2",
                "auth", Map.of("client_secret", "s3cr3t", "tenant", "t1"),
                "url", "jdbc:sqlserver://db1;user=sa;password=hunter2;encrypt=true",
                "uri", "postgres://loader:hunter2@db1/sales"));
        assertThat(masked.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t").contains("tenant=t1").contains("db1");
        assertThat(masked.get("url")).isEqualTo("jdbc:sqlserver://db1;user=sa;password=****;encrypt=true");
        assertThat(masked.get("uri")).isEqualTo("postgres://loader:****@db1/sales");
    }
}
