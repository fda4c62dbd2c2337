package dev.lanyard.oidc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.oidc.JwksFetchException.Kind;
import dev.lanyard.oidc.internal.LimitedBody;
import dev.lanyard.oidc.internal.ProviderTrustManager;
import dev.lanyard.oidc.internal.Thumbprints;
import dev.lanyard.oidc.internal.TrustMaterial;
import dev.lanyard.oidc.internal.UntrustedChainException;
import dev.lanyard.oidc.internal.UrlPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The production {@link JwksFetcher}: {@link HttpClient} over HTTPS, trusting the JDK store plus the configured CA
 * bundle, with the provider's thumbprints as the fallback for chains those do not trust. Redirects are not followed
 * (a redirect could leave https), bodies are capped at {@link OidcVerifierConfig#maxDocumentBytes()}, and every
 * request ends within connect + read timeout.
 *
 * <p>One client per distinct thumbprint set: a pooled connection accepted under one provider's pins is never reused
 * for a provider that did not pin.
 */
public final class HttpJwksFetcher implements JwksFetcher, AutoCloseable {
    private final OidcVerifierConfig config;
    private final UrlPolicy urlPolicy;
    private final Optional<X509ExtendedTrustManager> bundle;
    private final Object trustLock = new Object();
    private volatile List<X509ExtendedTrustManager> trusted;
    private final ConcurrentHashMap<Set<String>, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * Reads the CA bundle now, so a bad bundle fails at startup rather than on the first token; the JDK's own CA
     * store is read on the first fetch, as parsing it is start-up time that servers without OIDC providers never use.
     */
    public HttpJwksFetcher(OidcVerifierConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.urlPolicy = new UrlPolicy(config.allowInsecureLoopback());
        this.bundle = TrustMaterial.bundle(config.caBundle());
    }

    @Override
    public String fetch(URI uri, List<String> thumbprints) throws JwksFetchException {
        Optional<String> refused = urlPolicy.violation(uri);
        if (refused.isPresent()) {
            throw new JwksFetchException(Kind.INSECURE_URL, refused.get());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(config.readTimeout())
                .header("Accept", "application/json").build();
        HttpResponse<byte[]> response = send(client(Thumbprints.normalize(thumbprints)), request);
        int status = response.statusCode();
        if (status == 200) {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
        Kind kind = status >= 500 || status == 429 ? Kind.UNREACHABLE : Kind.BAD_RESPONSE;
        throw new JwksFetchException(kind, "GET " + uri + " answered HTTP " + status);
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        clients.clear();
    }

    private HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws JwksFetchException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, LimitedBody.handler(config.maxDocumentBytes()));
        long limitMillis = config.connectTimeout().plus(config.readTimeout()).toMillis();
        try {
            return future.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new JwksFetchException(Kind.UNREACHABLE, "GET " + request.uri() + " took over " + limitMillis
                    + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new JwksFetchException(Kind.UNREACHABLE, "interrupted fetching " + request.uri(), e);
        } catch (ExecutionException e) {
            throw classify(request.uri(), e.getCause());
        }
    }

    private static JwksFetchException classify(URI uri, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UntrustedChainException untrusted) {
                return new JwksFetchException(Kind.UNTRUSTED_CERTIFICATE, "TLS to " + uri + ": "
                        + untrusted.getMessage(), failure);
            }
            if (cause instanceof LimitedBody.TooLargeException tooLarge) {
                return new JwksFetchException(Kind.BAD_RESPONSE, "GET " + uri + ": " + tooLarge.getMessage(), failure);
            }
        }
        return new JwksFetchException(Kind.UNREACHABLE, "GET " + uri + " failed: " + failure, failure);
    }

    private List<X509ExtendedTrustManager> trusted() {
        List<X509ExtendedTrustManager> managers = trusted;
        if (managers == null) {
            synchronized (trustLock) {
                managers = trusted;
                if (managers == null) {
                    managers = TrustMaterial.withJdkDefault(bundle);
                    trusted = managers;
                }
            }
        }
        return managers;
    }

    private HttpClient client(Set<String> thumbprints) {
        return clients.computeIfAbsent(thumbprints, this::newClient);
    }

    private HttpClient newClient(Set<String> thumbprints) {
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new ProviderTrustManager(trusted(), thumbprints)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY).build();
    }
}
