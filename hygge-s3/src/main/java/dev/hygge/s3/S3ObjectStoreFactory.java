package dev.hygge.s3;

import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.ObjectStoreFactory;
import dev.hygge.spi.OptionProblems;
import java.net.URI;
import java.util.Map;

/**
 * Serves {@code s3://<bucket>/<prefix>} locations, on AWS or on an S3-compatible {@code endpoint}.
 *
 * <pre>{@code
 * store:
 *   type: parquet
 *   path: s3://lake/sales/{entity}
 *   storage: {region: eu-west-1}                     # credentials from the SDK's default chain
 * }</pre>
 *
 * @since 0.4
 */
public final class S3ObjectStoreFactory implements ObjectStoreFactory {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String forms() {
        return "s3://<bucket>/<prefix>";
    }

    @Override
    public boolean serves(URI location) {
        return "s3".equalsIgnoreCase(location.getScheme());
    }

    @Override
    public Map<String, String> settings() {
        return S3Settings.KEYS;
    }

    @Override
    public void validate(URI location, Map<String, String> settings, OptionProblems problems) {
        S3Settings.validate(settings, problems);
    }

    @Override
    public ObjectStore open(URI location, Map<String, String> settings) {
        return new S3ObjectStore(S3Location.parse(location), S3Settings.of(settings));
    }
}
