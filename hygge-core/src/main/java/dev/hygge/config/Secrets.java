package dev.hygge.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of errors, logs and {@code hygge debug}: values of secret keys (password,
 * secret, token, key, credential, connection string) become {@code ****}, and passwords written
 * inside connection strings and URLs are masked too.
 *
 * <pre>{@code
 * Secrets.mask(Map.of("server", "db1", "password", "hunter2"));   // {server=db1, password=****}
 * Secrets.maskText("jdbc:sqlserver://db1;user=sa;password=hunter2");  // "...;user=sa;password=****"
 * }</pre>
 */
public final class Secrets {
    /** What a masked value shows. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "secret", "token", "key",
            "credential", "credentials", "sas", "apikey", "accountkey", "passphrase");
    private static final Set<String> SECRET_KEYS = Set.of("connection_string", "connectionstring", "conn_str",
            "private_key", "client_secret");
    /** Keys that hold a word of {@link #SECRET_WORDS} but name columns, not secrets (Open Mirroring's keyColumns). */
    private static final Set<String> PLAIN_KEYS = Set.of("key_columns");
    private static final Pattern IN_TEXT = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|accountkey|sharedaccesssignature|sig|api_key|apikey|access_token|client_secret)\\s*[=:]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^;&\\s,}]+)");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/:@\\s]+:)([^@/\\s]+)(@)");

    private Secrets() {}

    /**
     * Whether a setting with this key holds a secret: a word of it (split at {@code _}, {@code -}
     * and camel case) is password, secret, token, key, credential..., or it is a connection string.
     * {@code keys} (merge keys) and {@code key_columns} are not secrets.
     */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String lower = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (SECRET_KEYS.contains(lower) || SECRET_KEYS.contains(lower.replace("-", "_"))) {
            return true;
        }
        if (PLAIN_KEYS.contains(lower.replace("-", "_"))) {
            return false;
        }
        for (String word : lower.split("[_\\-.\\s]+")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a key is a secret key or one mistyped ({@code pasword}, {@code secert},
     * {@code clinet_secret}): a misspelt secret key is an unknown key, but its value is still the
     * password. Words of four letters or more within one edit (two from eight letters) of a secret
     * word count; shorter words ({@code key}, {@code pwd}, {@code sas}) only as written, so {@code keys} stays plain.
     */
    public static boolean looksSecret(String key) {
        if (isSecretKey(key)) {
            return true;
        }
        if (key == null) {
            return false;
        }
        String lower = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String secret : SECRET_KEYS) {
            if (Closest.distance(lower, secret) <= 2) {
                return true;
            }
        }
        for (String word : lower.split("[_\\-.\\s]+")) {
            if (word.length() < 4) {
                continue;
            }
            for (String secret : SECRET_WORDS) {
                if (secret.length() >= 5 && Closest.distance(word, secret) <= (secret.length() >= 8 ? 2 : 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A copy of a nested map/list structure with every secret value (and every value of a mistyped secret key) masked. */
    public static Map<String, Object> mask(Map<String, ?> values) {
        return mask(values, key -> true);
    }

    /**
     * As {@link #mask(Map)}, and also masks the top-level values whose key {@code known} rejects: an
     * unknown key may be a secret key under a name no rule knows, so its value is never shown.
     */
    public static Map<String, Object> mask(Map<String, ?> values, java.util.function.Predicate<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v != null && (looksSecret(k) || !known.test(k)) ? MASK : maskValue(v)));
        return out;
    }

    private static Object maskValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return mask(copy, key -> true);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(maskValue(item)));
            return copy;
        }
        if (value instanceof String text) {
            return maskText(text);
        }
        return value;
    }

    /** Masks {@code password=...}, {@code token=...} and {@code user:password@} inside free text. */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        String masked = IN_TEXT.matcher(text).replaceAll("$1" + MASK);
        return URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "$3");
    }
}
