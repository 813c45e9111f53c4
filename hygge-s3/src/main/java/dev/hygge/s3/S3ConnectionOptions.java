package dev.hygge.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named S3 connection ({@code connections: {lake: {type: s3, ...}}}): the {@code storage:}
 * settings of an S3 location, shared by the flows that name it.
 */
public class S3ConnectionOptions {
    public String region;
    public String endpoint;
    public Boolean pathStyle;
    public String accessKeyId;
    public String secretAccessKey;
    public String sessionToken;
    public Integer partSizeMb;
    public Integer uploadThreads;
    public Integer lockTtlSeconds;

    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        put(s, "region", region);
        put(s, "endpoint", endpoint);
        put(s, "path_style", pathStyle);
        put(s, "access_key_id", accessKeyId);
        put(s, "secret_access_key", secretAccessKey);
        put(s, "session_token", sessionToken);
        put(s, "part_size_mb", partSizeMb);
        put(s, "upload_threads", uploadThreads);
        put(s, "lock_ttl_seconds", lockTtlSeconds);
        return s;
    }

    private static void put(Map<String, String> s, String key, Object value) {
        if (value != null) {
            s.put(key, String.valueOf(value));
        }
    }
}
