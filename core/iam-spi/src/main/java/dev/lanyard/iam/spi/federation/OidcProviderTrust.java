package dev.lanyard.iam.spi.federation;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an IAM OIDC provider entity says to trust: the issuer URL ({@code https://host[/path]}, as registered), the
 * client IDs an audience must match, and the optional thumbprints of the JWKS endpoint's top intermediate CA.
 */
public record OidcProviderTrust(String providerArn, String issuerUrl, List<String> clientIds, List<String> thumbprints) {
    public OidcProviderTrust {
        requireNonNull(providerArn, "providerArn is null");
        requireNonNull(issuerUrl, "issuerUrl is null");
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
    }
}
