package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP client every Azure location uses, against a local server that records what arrives. */
class AzureHttpTest {
    private record Received(String contentLength, String transferEncoding, int bytes) {}

    @Test
    void aBodyIsFramedByItsContentLength() throws Exception {
        List<Received> received = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int bytes = exchange.getRequestBody().readAllBytes().length;
            synchronized (received) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Length"),
                        exchange.getRequestHeaders().getFirst("Transfer-Encoding"), bytes));
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient http = AzureClients.http();
            URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/c/blob?comp=block");
            for (Map.Entry<Integer, BinaryData> body : Map.of(
                    5, BinaryData.fromBytes("hello".getBytes()),
                    0, BinaryData.fromBytes(new byte[0]),
                    3_000_000, BinaryData.fromBytes(new byte[3_000_000])).entrySet()) {
                HttpRequest request = new HttpRequest(HttpMethod.PUT, url,
                        new HttpHeaders().set(HttpHeaderName.CONTENT_LENGTH, String.valueOf(body.getKey())), body.getValue());
                try (HttpResponse response = http.sendSync(request, Context.NONE)) {
                    assertThat(response.getStatusCode()).isEqualTo(201);
                }
            }
        } finally {
            server.stop(0);
        }
        assertThat(received).containsExactlyInAnyOrder(
                new Received("5", null, 5), new Received("0", null, 0), new Received("3000000", null, 3_000_000));
    }
}
