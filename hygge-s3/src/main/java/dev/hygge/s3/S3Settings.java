package dev.hygge.s3;

import dev.hygge.spi.OptionProblems;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of an {@code s3://} location, from a Store's or Home's {@code storage:} map or a
 * named {@code connections:} entry of {@code type: s3}. Without keys the AWS SDK's default
 * provider chain finds credentials (environment, profile, container or instance role).
 */
record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
        String sessionToken, long partSize, int uploadThreads, java.time.Duration lockTtl) {

    /** Every key, with what it means. */
    static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("region", "the bucket's region (default: the SDK's region chain, else us-east-1 with an endpoint)");
        keys.put("endpoint", "an S3-compatible service's URL (MinIO, Ceph, S3Mock): http(s)://host:port");
        keys.put("path_style", "true to address buckets as endpoint/bucket (most S3-compatible services); default true with an endpoint");
        keys.put("access_key_id", "static credentials: the access key id (with secret_access_key)");
        keys.put("secret_access_key", "static credentials: the secret access key (secret)");
        keys.put("session_token", "static credentials: a session token for temporary keys (secret)");
        keys.put("part_size_mb", "files up to this many MiB go up in one request, larger ones in multipart parts of it; 5 to 5120 (default 64)");
        keys.put("upload_threads", "parts sent at once per file (default 4)");
        keys.put("lock_ttl_seconds", "how long a writer's lock object outlives its last heartbeat (default 60, at least 3)");
        return Map.copyOf(keys);
    }

    static void validate(Map<String, String> s, OptionProblems problems) {
        if (s.containsKey("access_key_id") != s.containsKey("secret_access_key")) {
            problems.add(s.containsKey("access_key_id") ? "secret_access_key" : "access_key_id",
                    "static credentials need both access_key_id and secret_access_key");
        }
        if (s.containsKey("session_token") && !s.containsKey("access_key_id")) {
            problems.add("session_token", "session_token goes with access_key_id and secret_access_key");
        }
        if (s.containsKey("endpoint")) {
            try {
                URI e = URI.create(s.get("endpoint"));
                if (e.getScheme() == null || !e.getScheme().matches("https?") || e.getHost() == null) {
                    problems.add("endpoint", "endpoint must be an http(s)://host[:port] URL, not '" + s.get("endpoint") + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("endpoint", "endpoint is not a URL: " + e.getMessage());
            }
        }
        if (s.containsKey("path_style") && !s.get("path_style").matches("(?i)true|false")) {
            problems.add("path_style", "path_style must be true or false, not '" + s.get("path_style") + "'");
        }
        number(s, "part_size_mb", 5, 5120, problems);
        number(s, "upload_threads", 1, 64, problems);
        number(s, "lock_ttl_seconds", 3, 86_400, problems);
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

    static S3Settings of(Map<String, String> s) {
        URI endpoint = s.containsKey("endpoint") ? URI.create(s.get("endpoint")) : null;
        boolean pathStyle = s.containsKey("path_style") ? Boolean.parseBoolean(s.get("path_style")) : endpoint != null;
        return new S3Settings(s.get("region"), endpoint, pathStyle, s.get("access_key_id"), s.get("secret_access_key"),
                s.get("session_token"), Long.parseLong(s.getOrDefault("part_size_mb", "64").trim()) << 20,
                Integer.parseInt(s.getOrDefault("upload_threads", "4").trim()),
                java.time.Duration.ofSeconds(Long.parseLong(s.getOrDefault("lock_ttl_seconds", "60").trim())));
    }

    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", credentials=" + (accessKeyId == null ? "default chain" : "static") + "]";
    }
}
