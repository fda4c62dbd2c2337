package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A listener's TLS (1.2 and 1.3 only) whose certificate follows its files: {@link #reloadIfChanged()} swaps in a
 * renewed certificate for the handshakes that follow, while connections already made keep the one they began with.
 * Files caught halfway through a renewal (a new certificate beside the old key) are refused and tried again at the
 * next check; the listener keeps serving with the last good pair meanwhile.
 */
public final class ServerTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server.tls");

    private final TlsFiles files;
    private final String listener;
    private final ReloadingKeyManager keys;
    private final Tls tls;
    private volatile byte[] failedCertificate = new byte[0];
    private volatile byte[] failedKey = new byte[0];

    private ServerTls(TlsFiles files, String listener) {
        this.files = requireNonNull(files, "files is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.keys = new ReloadingKeyManager(files.load());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            this.tls = Tls.builder().sslContext(context).enabledProtocols(PROTOCOLS).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, () -> listener + " listener: TLS with " + describe(keys.current()));
    }

    /** Loads the files now; {@link IllegalArgumentException} says what is wrong with them. */
    public static ServerTls load(TlsFiles files, String listener) {
        return new ServerTls(files, listener);
    }

    /** The engine's TLS settings for the listener. */
    public Tls helidonTls() {
        return tls;
    }

    /** The certificate new handshakes present. */
    public X509Certificate certificate() {
        return keys.current().identity().certificate();
    }

    /** Re-reads the files; a changed pair that is whole and consistent serves every handshake from now on. */
    public void reloadIfChanged() {
        byte[] certificate;
        byte[] key;
        try {
            certificate = Files.readAllBytes(files.certificateChain());
            key = Files.readAllBytes(files.privateKey());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, listener + " listener: cannot read the TLS files; keeping "
                    + describe(keys.current()) + ": " + e);
            return;
        }
        TlsFiles.Identity current = keys.current().identity();
        if (Arrays.equals(certificate, current.certificateBytes()) && Arrays.equals(key, current.keyBytes())) {
            return;
        }
        try {
            TlsFiles.Identity renewed = files.parse(certificate, key);
            keys.replace(renewed);
            LOG.log(System.Logger.Level.INFO, () -> listener + " listener: TLS certificate reloaded: now "
                    + describe(keys.current()));
        } catch (IllegalArgumentException e) {
            if (!Arrays.equals(certificate, failedCertificate) || !Arrays.equals(key, failedKey)) {
                failedCertificate = certificate;
                failedKey = key;
                LOG.log(System.Logger.Level.WARNING, listener + " listener: the changed TLS files are not usable yet"
                        + " (keeping " + describe(keys.current()) + "): " + e.getMessage());
            }
        }
    }

    private static String describe(Generation generation) {
        X509Certificate certificate = generation.identity().certificate();
        return "certificate " + certificate.getSubjectX500Principal().getName() + " serial "
                + certificate.getSerialNumber().toString(16) + " valid until " + certificate.getNotAfter().toInstant();
    }

    /** One loaded pair under an alias of its own, so a handshake never mixes a chain and a key of two loads. */
    private record Generation(String alias, TlsFiles.Identity identity) {}

    private static final class ReloadingKeyManager extends X509ExtendedKeyManager {
        private final AtomicLong loads = new AtomicLong();
        private volatile Generation current;
        private volatile Generation previous;

        ReloadingKeyManager(TlsFiles.Identity identity) {
            this.current = new Generation("lanyard-" + loads.incrementAndGet(), identity);
            this.previous = current;
        }

        Generation current() {
            return current;
        }

        synchronized void replace(TlsFiles.Identity identity) {
            previous = current;
            current = new Generation("lanyard-" + loads.incrementAndGet(), identity);
        }

        private Generation byAlias(String alias) {
            Generation now = current;
            if (now.alias().equals(alias)) {
                return now;
            }
            Generation before = previous;
            return before.alias().equals(alias) ? before : null;
        }

        private String alias(String keyType) {
            Generation now = current;
            return keyType != null && keyType.equalsIgnoreCase(now.identity().key().getAlgorithm()) ? now.alias()
                    : keyType != null && keyType.equals("EdDSA") && now.identity().key().getAlgorithm().startsWith("Ed")
                    ? now.alias() : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            String alias = alias(keyType);
            return alias == null ? null : new String[] {alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Generation generation = byAlias(alias);
            return generation == null ? null : generation.identity().chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Generation generation = byAlias(alias);
            return generation == null ? null : generation.identity().key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
