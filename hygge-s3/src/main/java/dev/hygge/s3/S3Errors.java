package dev.hygge.s3;

import dev.hygge.spi.ObjectExistsException;
import dev.hygge.spi.StoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** SDK failures as messages that name the bucket and key, say what to do, and hold no secret. */
final class S3Errors {
    private S3Errors() {}

    static StoreException of(String what, S3Location location, String key, SdkException e) {
        String where = "s3://" + location.bucket() + "/" + key;
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return new StoreException("bucket '" + location.bucket() + "' does not exist (" + what + " " + where
                        + "): create it, or fix the location's bucket", e);
            }
            if (status == 412 || "PreconditionFailed".equals(code)) {
                return new ObjectExistsException(where + " exists already (" + what + ")", e);
            }
            if (status == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                    || "AccessDenied".equals(code)) {
                return new StoreException("access to bucket '" + location.bucket() + "' refused (" + code + ", " + what
                        + " " + where + "): check access_key_id/secret_access_key or the role's policy", e);
            }
            return new StoreException(what + " " + where + " failed: " + status + " " + code, e);
        }
        if (e instanceof SdkClientException) {
            return new StoreException(what + " " + where + " failed before S3 answered: " + e.getMessage()
                    + " (is the endpoint reachable, the region right, are credentials found?)", e);
        }
        return new StoreException(what + " " + where + " failed: " + e.getMessage(), e);
    }
}
