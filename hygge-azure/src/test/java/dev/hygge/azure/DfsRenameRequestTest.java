package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import dev.hygge.spi.ObjectExistsException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.junit.jupiter.api.Test;

/**
 * The requests of the hierarchical namespace's rename, which no emulator here serves (Azurite has
 * no DFS endpoint): an HTTP client that records what the SDK sends and answers as the DFS endpoint
 * documents. What the real service does with them needs a real account.
 */
class DfsRenameRequestTest {
    private static final String KEY = AzuriteServer.KEY;

    /** Records each request; answers with the status given. */
    private static final class Recording implements HttpClient {
        final List<HttpRequest> requests = new ArrayList<>();
        final int status;
        final String errorCode;

        Recording(int status, String errorCode) {
            this.status = status;
            this.errorCode = errorCode;
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            requests.add(request);
            return Mono.just(new HttpResponse(request) {
                private final HttpHeaders headers = errorCode == null ? new HttpHeaders()
                        : new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), errorCode);

                @Override
                public int getStatusCode() {
                    return status;
                }

                @Override
                @Deprecated
                public String getHeaderValue(String name) {
                    return headers.getValue(name);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }

                @Override
                public Flux<ByteBuffer> getBody() {
                    return Flux.empty();
                }

                @Override
                public Mono<byte[]> getBodyAsByteArray() {
                    return Mono.just(new byte[0]);
                }

                @Override
                public Mono<String> getBodyAsString() {
                    return Mono.just("");
                }

                @Override
                public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                    return Mono.just("");
                }
            });
        }
    }

    private static AzureObjectStore store(Recording http) {
        AzureLocation location = AzureLocation.parse(URI.create("abfss://lake@contoso.dfs.core.windows.net/sales"));
        return new AzureObjectStore(location, AzureSettings.of(Map.of("credential", "storage_key", "storage_account_key", KEY)),
                http);
    }

    @Test
    void aRenameIsOnePutOnTheDfsEndpointThatRefusesAnExistingTarget() {
        Recording http = new Recording(201, null);
        try (AzureObjectStore store = store(http)) {
            assertThat(store.hierarchical()).isTrue();
            assertThat(store.atomicRename()).isTrue();
            store.rename("orders/_hygge_staging/run-1/orders_1.parquet", "orders/orders_1.parquet");
        }
        assertThat(http.requests).hasSize(1);
        HttpRequest put = http.requests.get(0);
        assertThat(put.getHttpMethod().name()).isEqualTo("PUT");
        // the SDK sends the path's slashes %-encoded; the service decodes them
        assertThat(decode(put.getUrl().toString())).startsWith("https://contoso.dfs.core.windows.net/lake/sales/orders/orders_1.parquet");
        assertThat(decode(put.getHeaders().getValue(HttpHeaderName.fromString("x-ms-rename-source"))))
                .startsWith("/lake/sales/orders/_hygge_staging/run-1/orders_1.parquet");
        assertThat(put.getHeaders().getValue(HttpHeaderName.IF_NONE_MATCH)).isEqualTo("*");
        assertThat(put.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).startsWith("SharedKey contoso:")
                .doesNotContain(KEY);
    }

    @Test
    void aTargetThatExistsIsObjectExists() {
        Recording http = new Recording(409, "PathAlreadyExists");
        try (AzureObjectStore store = store(http)) {
            assertThatThrownBy(() -> store.rename("a/_hygge_staging/r/x.parquet", "a/x.parquet"))
                    .isInstanceOf(ObjectExistsException.class).hasMessageContaining("a/x.parquet");
        }
    }


    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
