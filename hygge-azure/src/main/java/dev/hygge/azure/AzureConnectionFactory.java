package dev.hygge.azure;

import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.StorageConnection;
import dev.hygge.storage.StorageSettings;

/**
 * Named Azure storage connections ({@code type: azure}): credentials written once, named by
 * {@code storage: {connection: <name>}} in any file Home or Store at an Azure location.
 *
 * <pre>{@code
 * connections:
 *   lake: {type: azure, credential: service_principal, tenant_id: ..., client_id: ..., client_secret: "${SP_SECRET}"}
 * }</pre>
 *
 * @since 0.4
 */
public final class AzureConnectionFactory implements ConnectionFactory<AzureConnectionOptions> {
    @Override
    public String type() {
        return "azure";
    }

    @Override
    public Class<AzureConnectionOptions> optionsType() {
        return AzureConnectionOptions.class;
    }

    @Override
    public void validate(AzureConnectionOptions options, OptionProblems problems) {
        AzureSettings.validate(options.settings(), problems);
    }

    @Override
    public StorageConnection open(String name, AzureConnectionOptions options, HyggeContext context) {
        return new StorageSettings(name, options.settings());
    }
}
