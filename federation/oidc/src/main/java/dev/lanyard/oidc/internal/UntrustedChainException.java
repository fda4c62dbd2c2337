package dev.lanyard.oidc.internal;

import java.security.cert.CertificateException;

/** The server's chain is neither trusted nor pinned by a provider thumbprint; marks the cause for the fetcher. */
public final class UntrustedChainException extends CertificateException {
    private static final long serialVersionUID = 1L;

    UntrustedChainException(String message) {
        super(message);
    }

    UntrustedChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
