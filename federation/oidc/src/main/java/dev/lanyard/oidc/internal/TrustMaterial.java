package dev.lanyard.oidc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's trust store, an optional PEM CA bundle, and single-anchor trust managers for pinned chains. */
public final class TrustMaterial {
    private TrustMaterial() {
    }

    /** A trust manager for the bundle's certificates, if a bundle is configured; reading it now fails fast. */
    public static Optional<X509ExtendedTrustManager> bundle(Optional<Path> caBundle) {
        if (caBundle.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(managerFor(bundleStore(caBundle.get())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS trust: " + e.getMessage(), e);
        }
    }

    /** The JDK default trust manager (which reads the JDK's CA store), followed by the bundle's if there is one. */
    public static List<X509ExtendedTrustManager> withJdkDefault(Optional<X509ExtendedTrustManager> bundle) {
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        try {
            managers.add(managerFor(null));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS trust: " + e.getMessage(), e);
        }
        bundle.ifPresent(managers::add);
        return List.copyOf(managers);
    }

    /** Trusts exactly {@code anchor}; the JDK still validates the chain up to it, dates and the host name. */
    static X509ExtendedTrustManager anchoredAt(X509Certificate anchor) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("pinned", anchor);
        return managerFor(store);
    }

    private static KeyStore bundleStore(Path pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CA bundle " + pem, e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("CA bundle " + pem + " holds no certificate");
        }
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("bundle-" + i++, certificate);
        }
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static X509ExtendedTrustManager managerFor(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from " + factory.getAlgorithm());
    }
}
