package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Every URL form users write, parsed to account, container, path and namespace kind. */
class AzureLocationTest {
    private static AzureLocation parse(String url) {
        return AzureLocation.parse(URI.create(url));
    }

    @Test
    void adlsGen2AbfssIsHierarchical() {
        AzureLocation l = parse("abfss://lake@contoso.dfs.core.windows.net/sales/orders");
        assertThat(l).isEqualTo(new AzureLocation("contoso", "lake", "sales/orders/", "https://contoso.blob.core.windows.net",
                "https://contoso.dfs.core.windows.net", true));
    }

    @Test
    void blobUrlIsFlatAndDfsUrlHierarchical() {
        assertThat(parse("https://contoso.blob.core.windows.net/lake/sales").hierarchical()).isFalse();
        AzureLocation dfs = parse("https://contoso.dfs.core.windows.net/lake/sales/");
        assertThat(dfs.hierarchical()).isTrue();
        assertThat(dfs.container()).isEqualTo("lake");
        assertThat(dfs.prefix()).isEqualTo("sales/");
    }

    @Test
    void oneLakeWorkspaceIsTheContainer() {
        AzureLocation l = parse("https://onelake.dfs.fabric.microsoft.com/Sales/Lake.Lakehouse/Files/orders");
        assertThat(l.account()).isEqualTo("onelake");
        assertThat(l.container()).isEqualTo("Sales");
        assertThat(l.prefix()).isEqualTo("Lake.Lakehouse/Files/orders/");
        assertThat(l.blobEndpoint()).isEqualTo("https://onelake.blob.fabric.microsoft.com");
        assertThat(l.hierarchical()).isTrue();
        assertThat(parse("abfss://Sales@onelake.dfs.fabric.microsoft.com/Lake.Lakehouse/Files/").container()).isEqualTo("Sales");
    }

    @Test
    void anEmulatorHasTheAccountInThePath() {
        AzureLocation l = parse("http://127.0.0.1:10000/devstoreaccount1/lake/sales");
        assertThat(l.account()).isEqualTo("devstoreaccount1");
        assertThat(l.container()).isEqualTo("lake");
        assertThat(l.blobEndpoint()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
        assertThat(l.dfsEndpoint()).isNull();
    }

    @Test
    void badUrlsSayWhatToWrite() {
        assertThatThrownBy(() -> parse("https://contoso.blob.core.windows.net/lake/x?sv=2024&sig=secret"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sas_token").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> parse("abfss://contoso.dfs.core.windows.net/x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("abfss://<container>@<account>");
        assertThatThrownBy(() -> parse("https://example.com/lake/x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not an Azure storage account");
        assertThatThrownBy(() -> parse("https://contoso.blob.core.windows.net/lake/../other"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'..'");
    }
}
