package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.SamlAssertionVerifier;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the SAML verifier on first use: initialising the XML security library costs start-up time that a server
 * without SAML providers would never get back.
 */
final class LazySamlVerifier implements SamlAssertionVerifier {
    private final Supplier<? extends SamlAssertionVerifier> factory;
    private final Object lock = new Object();
    private volatile SamlAssertionVerifier verifier;

    LazySamlVerifier(Supplier<? extends SamlAssertionVerifier> factory) {
        this.factory = requireNonNull(factory, "factory is null");
    }

    @Override
    public SamlMetadata parseMetadata(String metadataXml) {
        return verifier().parseMetadata(metadataXml);
    }

    @Override
    public VerifiedSamlAssertion verify(String base64Response, SamlProviderTrust provider) {
        return verifier().verify(base64Response, provider);
    }

    @Override
    public List<FederationCheck> explain(String base64Response, SamlProviderTrust provider) {
        return verifier().explain(base64Response, provider);
    }

    private SamlAssertionVerifier verifier() {
        SamlAssertionVerifier built = verifier;
        if (built == null) {
            synchronized (lock) {
                built = verifier;
                if (built == null) {
                    built = requireNonNull(factory.get(), "factory returned null");
                    verifier = built;
                }
            }
        }
        return built;
    }
}
