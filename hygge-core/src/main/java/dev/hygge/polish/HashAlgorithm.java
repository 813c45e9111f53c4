package dev.hygge.polish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The digests a {@code hash_ids} rule may use, under the names Python's {@code hashlib} gives them
 * (the original hygge passed {@code algo} to {@code hashlib.new}): every one the JDK has. BLAKE2 and
 * xxHash, which the JDK lacks, are not offered.
 *
 * @since 0.1
 */
public enum HashAlgorithm {
    MD5("md5", "MD5", 16),
    SHA1("sha1", "SHA-1", 20),
    SHA224("sha224", "SHA-224", 28),
    SHA256("sha256", "SHA-256", 32),
    SHA384("sha384", "SHA-384", 48),
    SHA512("sha512", "SHA-512", 64),
    SHA3_224("sha3_224", "SHA3-224", 28),
    SHA3_256("sha3_256", "SHA3-256", 32),
    SHA3_384("sha3_384", "SHA3-384", 48),
    SHA3_512("sha3_512", "SHA3-512", 64);

    private final String key;
    private final String jdkName;
    private final int bytes;

    HashAlgorithm(String key, String jdkName, int bytes) {
        this.key = key;
        this.jdkName = jdkName;
        this.bytes = bytes;
    }

    /** The name YAML writes ({@code sha256}). */
    public String key() {
        return key;
    }

    /** The digest's length in bytes (its hex text is twice as long). */
    public int bytes() {
        return bytes;
    }

    /** A new digest; one per thread, reused for every row. */
    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + jdkName, e);
        }
    }

    /** Every name YAML may write. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(HashAlgorithm::key).toList();
    }

    /** The algorithm a name means: {@code sha256}, also {@code SHA-256} or {@code sha-256}. */
    public static Optional<HashAlgorithm> of(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (HashAlgorithm a : values()) {
            if (a.key.replace("_", "").equals(wanted)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
