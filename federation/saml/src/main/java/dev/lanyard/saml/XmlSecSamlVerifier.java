package dev.lanyard.saml;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.SamlAssertionVerifier;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import dev.lanyard.saml.internal.AssertionDecryptor;
import dev.lanyard.saml.internal.AssertionReader;
import dev.lanyard.saml.internal.Base64Input;
import dev.lanyard.saml.internal.CheckLog;
import dev.lanyard.saml.internal.MetadataReader;
import dev.lanyard.saml.internal.ProviderChecks;
import dev.lanyard.saml.internal.RecipientPolicy;
import dev.lanyard.saml.internal.Rejection;
import dev.lanyard.saml.internal.ResponseLayout;
import dev.lanyard.saml.internal.SamlErrors;
import dev.lanyard.saml.internal.SecureXml;
import dev.lanyard.saml.internal.SignatureVerifier;
import dev.lanyard.saml.internal.SignatureVerifier.Verified;
import dev.lanyard.saml.internal.TimeWindow;
import java.time.InstantSource;
import java.util.List;
import org.apache.xml.security.Init;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@link SamlAssertionVerifier} on Apache Santuario. The order is the security argument: size, base64 and hardened
 * parsing; the document's shape (one assertion, where it must be, no duplicate IDs, signatures only where SAML puts
 * them); then the signatures, with the provider's certificates only; then decryption; only then is any content
 * read, and only from the element a verified signature covers. Thread-safe; holds no mutable state.
 */
public final class XmlSecSamlVerifier implements SamlAssertionVerifier {
    private final SamlVerifierConfig config;
    private final InstantSource clock;
    private final SecureXml parser;
    private final SignatureVerifier signatures;
    private final AssertionDecryptor decryptor;
    private final AssertionReader reader;
    private final MetadataReader metadata;

    public XmlSecSamlVerifier(SamlVerifierConfig config, InstantSource clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        // Santuario's algorithm registry is process-wide; init() is idempotent and synchronized
        Init.init();
        this.parser = new SecureXml(config.maxDepth());
        this.signatures = new SignatureVerifier(config.signatureAlgorithms(), config.digestAlgorithms());
        this.decryptor = new AssertionDecryptor(config.encryptionAlgorithms(), parser);
        this.reader = new AssertionReader(config.acceptedAudiences(), config.maxAssertionAge());
        this.metadata = new MetadataReader(parser, config.maxMetadataBytes());
    }

    public XmlSecSamlVerifier(InstantSource clock) {
        this(SamlVerifierConfig.defaults(), clock);
    }

    @Override
    public SamlMetadata parseMetadata(String metadataXml) {
        try {
            return metadata.read(metadataXml);
        } catch (Rejection rejection) {
            throw rejection.toAwsException();
        }
    }

    @Override
    public VerifiedSamlAssertion verify(String base64Response, SamlProviderTrust provider) {
        try {
            return run(base64Response, provider, CheckLog.silent());
        } catch (Rejection rejection) {
            throw rejection.toAwsException();
        }
    }

    @Override
    public List<FederationCheck> explain(String base64Response, SamlProviderTrust provider) {
        CheckLog log = CheckLog.recording();
        try {
            run(base64Response, provider, log);
        } catch (Rejection rejection) {
            log.fail(rejection);
        }
        return log.entries();
    }

    private VerifiedSamlAssertion run(String base64Response, SamlProviderTrust provider, CheckLog log) {
        requireNonNull(base64Response, "base64Response is null");
        requireNonNull(provider, "provider is null");
        TimeWindow window = new TimeWindow(clock.instant(), config.clockSkew());
        ProviderChecks.check(provider, window.now(), log);
        byte[] xml = Base64Input.decode(base64Response, config.maxDocumentBytes(), "size");
        log.pass("size", xml.length + " bytes decoded (limit " + config.maxDocumentBytes() + ")");
        Document document = parser.parse(xml, SamlErrors::malformed);
        log.pass("xml", "well-formed, no DTD, depth within " + config.maxDepth());
        ResponseLayout layout = ResponseLayout.of(document);
        log.pass("structure", "one " + layout.assertion().getLocalName() + ", signatures: "
                + (layout.responseSignature().isPresent() ? "Response " : "")
                + (layout.assertionSignature().isPresent() ? "Assertion" : ""));
        Element assertion = verifiedAssertion(layout, provider, log);
        RecipientPolicy recipients = ProviderChecks.recipients(provider, config);
        AssertionReader.checkEnvelope(layout.response(), provider.entityId(), recipients, log);
        return reader.read(assertion, provider.entityId(), window, recipients, log);
    }

    /** The assertion to read: covered by a verified Response signature, its own verified signature, or both. */
    private Element verifiedAssertion(ResponseLayout layout, SamlProviderTrust provider, CheckLog log) {
        boolean responseSigned = layout.responseSignature().isPresent();
        if (responseSigned) {
            Verified verified = signatures.verify(layout.responseSignature().get(), layout.response(),
                    provider.signingCertificates(), "response-signature");
            log.pass("response-signature", describe(verified));
        }
        ResponseLayout plain = layout;
        if (layout.encrypted()) {
            AssertionDecryptor.Decrypted decrypted = decryptor.decrypt(layout.assertion(), provider.decryptionKeys());
            plain = ResponseLayout.decrypted(layout.response(), decrypted.document());
            log.pass("decryption", "EncryptedAssertion opened (" + decrypted.algorithm() + ")");
        } else if (provider.encryptionMode() == SamlProviderTrust.EncryptionMode.REQUIRED) {
            throw SamlErrors.invalid("decryption", "Response must contain an encrypted assertion",
                    "the provider's AssertionEncryptionMode is Required but the assertion is in plain text");
        }
        if (plain.assertionSignature().isPresent()) {
            Verified verified = signatures.verify(plain.assertionSignature().get(), plain.assertion(),
                    provider.signingCertificates(), "assertion-signature");
            log.pass("assertion-signature", describe(verified));
            return verified.element();
        }
        if (!responseSigned) {
            throw SamlErrors.signatureInvalid("signature", "neither the Response nor the Assertion is signed");
        }
        return plain.assertion();
    }

    private static String describe(Verified verified) {
        return verified.signatureAlgorithm() + "/" + verified.digestAlgorithm() + " by "
                + SignatureVerifier.describe(verified.certificate());
    }
}
