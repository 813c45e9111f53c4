package dev.hygge.s3;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.ObjectKeys;
import java.net.URI;

/**
 * {@code s3://<bucket>/<prefix>}: the bucket and the key prefix every key of the client sits under.
 *
 * @param bucket the bucket's name
 * @param prefix the prefix, empty or ending with {@code /}
 */
record S3Location(String bucket, String prefix) {
    static S3Location parse(URI uri) {
        if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException("'" + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + "' is not an S3 location: write s3://<bucket>/<prefix>");
        }
        if (uri.getRawQuery() != null || uri.getUserInfo() != null || uri.getPort() != -1) {
            throw new ConfigException("s3://" + uri.getHost() + uri.getRawPath() + ": an S3 location has a bucket and a"
                    + " path only; put the endpoint and credentials under their keys");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        try {
            ObjectKeys.checkPrefix(path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("s3://" + uri.getHost() + "/" + path + ": " + e.getMessage());
        }
        return new S3Location(uri.getHost(), path.isEmpty() || path.endsWith("/") ? path : path + "/");
    }

    /** The location for messages. */
    String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
