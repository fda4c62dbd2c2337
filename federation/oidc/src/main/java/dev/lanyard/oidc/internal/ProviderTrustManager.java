package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * AWS's rule for an IdP's TLS chain: trusted by the CA library (here the JDK store plus the configured bundle)
 * passes; otherwise it passes only if the SHA-1 of the top certificate the server presented (its top intermediate
 * or root) is one of the provider's thumbprints, and even then the chain must validate up to that certificate and
 * name the host. Client-side use only.
 */
public final class ProviderTrustManager extends X509ExtendedTrustManager {
    @FunctionalInterface
    private interface ChainCheck {
        void check(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private final List<X509ExtendedTrustManager> trusted;
    private final Set<String> thumbprints;

    public ProviderTrustManager(List<X509ExtendedTrustManager> trusted, Set<String> thumbprints) {
        this.trusted = List.copyOf(trusted);
        this.thumbprints = Set.copyOf(thumbprints);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        requireNonNull(engine, "engine is null");
        check(chain, manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        requireNonNull(socket, "socket is null");
        check(chain, manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new UntrustedChainException("refusing a server check without a connection: no host name to verify");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> issuers = new ArrayList<>();
        for (X509ExtendedTrustManager manager : trusted) {
            issuers.addAll(List.of(manager.getAcceptedIssuers()));
        }
        return issuers.toArray(X509Certificate[]::new);
    }

    private void check(X509Certificate[] chain, ChainCheck check) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new UntrustedChainException("server presented no certificate");
        }
        StringBuilder reasons = new StringBuilder();
        for (X509ExtendedTrustManager manager : trusted) {
            try {
                check.check(manager);
                return;
            } catch (CertificateException e) {
                // the JDK store and the bundle fail for different reasons (unknown CA, wrong host): keep both
                reasons.append(reasons.isEmpty() ? "" : "; ").append(e.getMessage());
            }
        }
        checkPinned(chain, check, reasons.toString());
    }

    private void checkPinned(X509Certificate[] chain, ChainCheck check, String untrusted)
            throws CertificateException {
        X509Certificate top = chain[chain.length - 1];
        String thumbprint = Thumbprints.sha1(top);
        if (!thumbprints.contains(thumbprint)) {
            throw new UntrustedChainException("chain not trusted (" + untrusted + ") and the thumbprint " + thumbprint
                    + " of its top certificate " + top.getSubjectX500Principal() + " is not one of the provider's "
                    + thumbprints);
        }
        try {
            check.check(TrustMaterial.anchoredAt(top));
        } catch (GeneralSecurityException e) {
            throw new UntrustedChainException("thumbprint " + thumbprint + " matched, but the chain does not "
                    + "validate up to it: " + e.getMessage(), e);
        }
    }
}
