package dev.hygge.azure;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK's HTTP client, handed each request without a {@code Content-Length} header: the JDK
 * frames a body by its publisher's length and refuses that header from a caller
 * ({@code IllegalArgumentException: restricted header name}) unless the whole JVM was started
 * with {@code jdk.httpclient.allowRestrictedHeaders}. azure-core-http-jdk-httpclient gives the
 * publisher the SDK's {@code Content-Length}; told that the header is allowed it passes the header
 * on instead of dropping it with a warning per request, and this client takes it out again.
 *
 * <pre>{@code
 * new JdkHttpClientBuilder(BodyFramedHttpClient.framingBuilder()).configuration(allowingContentLength).build()
 * }</pre>
 */
final class BodyFramedHttpClient extends java.net.http.HttpClient {
    private final java.net.http.HttpClient jdk;

    private BodyFramedHttpClient(java.net.http.HttpClient jdk) {
        this.jdk = jdk;
    }

    /** The JDK's builder, whose {@code build()} gives this client around the JDK's. */
    static Builder framingBuilder() {
        return new FramingBuilder(java.net.http.HttpClient.newBuilder());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return jdk.send(new Framed(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return jdk.sendAsync(new Framed(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromises) {
        return jdk.sendAsync(new Framed(request), handler, pushPromises);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return jdk.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return jdk.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return jdk.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return jdk.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return jdk.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return jdk.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return jdk.authenticator();
    }

    @Override
    public Version version() {
        return jdk.version();
    }

    @Override
    public Optional<Executor> executor() {
        return jdk.executor();
    }


    /** A request as it was, less its {@code Content-Length} header. */
    private static final class Framed extends HttpRequest {
        private final HttpRequest request;
        private final HttpHeaders headers;

        Framed(HttpRequest request) {
            this.request = request;
            this.headers = HttpHeaders.of(request.headers().map(), (name, value) -> !name.equalsIgnoreCase("content-length"));
        }

        @Override
        public Optional<BodyPublisher> bodyPublisher() {
            return request.bodyPublisher();
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public Optional<Duration> timeout() {
            return request.timeout();
        }

        @Override
        public boolean expectContinue() {
            return request.expectContinue();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Optional<Version> version() {
            return request.version();
        }

        @Override
        public HttpHeaders headers() {
            return headers;
        }
    }

    private record FramingBuilder(Builder jdk) implements Builder {
        @Override
        public Builder cookieHandler(CookieHandler h) {
            jdk.cookieHandler(h);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration d) {
            jdk.connectTimeout(d);
            return this;
        }

        @Override
        public Builder sslContext(SSLContext c) {
            jdk.sslContext(c);
            return this;
        }

        @Override
        public Builder sslParameters(SSLParameters p) {
            jdk.sslParameters(p);
            return this;
        }

        @Override
        public Builder executor(Executor e) {
            jdk.executor(e);
            return this;
        }

        @Override
        public Builder followRedirects(Redirect r) {
            jdk.followRedirects(r);
            return this;
        }

        @Override
        public Builder version(Version v) {
            jdk.version(v);
            return this;
        }

        @Override
        public Builder priority(int p) {
            jdk.priority(p);
            return this;
        }

        @Override
        public Builder proxy(ProxySelector p) {
            jdk.proxy(p);
            return this;
        }

        @Override
        public Builder authenticator(Authenticator a) {
            jdk.authenticator(a);
            return this;
        }

        @Override
        public java.net.http.HttpClient build() {
            return new BodyFramedHttpClient(jdk.build());
        }
    }
}
