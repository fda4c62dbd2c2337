package dev.lanyard.saml.internal;

import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.saml.SamlVerifierConfig;
import java.time.Instant;

/** What must hold of the provider itself before its trust can be used. */
public final class ProviderChecks {
    private ProviderChecks() {
    }

    public static void check(SamlProviderTrust provider, Instant now, CheckLog log) {
        if (provider.validUntil().isPresent() && !now.isBefore(provider.validUntil().get())) {
            throw SamlErrors.invalid("provider", "SAML provider metadata has expired",
                    provider.providerArn() + " was valid until " + provider.validUntil().get());
        }
        if (provider.signingCertificates().isEmpty()) {
            throw SamlErrors.signatureInvalid("provider", provider.providerArn() + " has no signing certificate");
        }
        log.pass("provider", provider.providerArn() + ": entity ID \"" + provider.entityId() + "\", "
                + provider.signingCertificates().size() + " signing certificate(s), "
                + provider.decryptionKeys().size() + " decryption key(s), encryption " + provider.encryptionMode());
    }

    /** The provider's own Recipient list when it has one, otherwise the configured AWS endpoints. */
    public static RecipientPolicy recipients(SamlProviderTrust provider, SamlVerifierConfig config) {
        return provider.acceptedRecipients().isEmpty()
                ? new RecipientPolicy(config.acceptedRecipients(), config.acceptRegionalSigninRecipients())
                : new RecipientPolicy(provider.acceptedRecipients(), false);
    }
}
