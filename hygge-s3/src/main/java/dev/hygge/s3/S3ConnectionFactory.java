package dev.hygge.s3;

import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.StorageConnection;
import dev.hygge.storage.StorageSettings;

/**
 * Named S3 connections ({@code type: s3}): region, endpoint and keys written once, named by
 * {@code storage: {connection: <name>}} in any file Home or Store at an {@code s3://} location.
 *
 * @since 0.4
 */
public final class S3ConnectionFactory implements ConnectionFactory<S3ConnectionOptions> {
    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Class<S3ConnectionOptions> optionsType() {
        return S3ConnectionOptions.class;
    }

    @Override
    public void validate(S3ConnectionOptions options, OptionProblems problems) {
        S3Settings.validate(options.settings(), problems);
    }

    @Override
    public StorageConnection open(String name, S3ConnectionOptions options, HyggeContext context) {
        return new StorageSettings(name, options.settings());
    }
}
