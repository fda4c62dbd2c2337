package dev.lanyard.server;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.federation.WebIdentityTokenSigner;
import java.util.Optional;
import java.util.function.Function;

/**
 * The discovery document and JWKS of each account's outbound issuer ({@code /outbound/ACCOUNT}), so relying parties
 * (another Lanyard, any OIDC-aware service) can verify GetWebIdentityToken's JWTs. Only enabled accounts answer.
 */
final class OutboundIssuer {
    private final IamStore store;
    private final WebIdentityTokenSigner signer;
    private final Function<String, String> issuerForAccount;

    OutboundIssuer(IamStore store, WebIdentityTokenSigner signer, Function<String, String> issuerForAccount) {
        this.store = store;
        this.signer = signer;
        this.issuerForAccount = issuerForAccount;
    }

    Optional<String> document(String path) {
        String rest = path.substring(LanyardServer.OUTBOUND_PATH.length());
        int slash = rest.indexOf('/');
        if (slash != 12 || !AccountId.isValid(rest.substring(0, 12))) {
            return Optional.empty();
        }
        AccountId account = AccountId.of(rest.substring(0, 12));
        IamSnapshot snapshot = store.snapshot();
        if (!snapshot.outboundFederationEnabled(account) || snapshot.outboundSigningKeys().isEmpty()) {
            return Optional.empty();
        }
        String issuer = issuerForAccount.apply(account.value());
        return switch (rest.substring(slash)) {
            case "/.well-known/openid-configuration" -> Optional.of("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\""
                    + issuer + "/.well-known/jwks.json\",\"response_types_supported\":[\"id_token\"],"
                    + "\"subject_types_supported\":[\"public\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES384\"]}");
            case "/.well-known/jwks.json" -> Optional.of(signer.publicJwks(
                    snapshot.outboundSigningKeys().get().privateJwkSet()));
            default -> Optional.empty();
        };
    }
}
