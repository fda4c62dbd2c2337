package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.StsPreferences;
import dev.lanyard.iam.model.StsPreferences.GlobalEndpointTokenVersion;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenTooLargeException;
import java.security.SecureRandom;
import java.util.function.Function;

/** Mints ASIA key ids and secrets and seals the session into its stateless token. */
public final class CredentialIssuer {
    private final SessionTokenCodec codec;
    private final SecureRandom random;

    public CredentialIssuer(SessionTokenCodec codec, SecureRandom random) {
        this.codec = requireNonNull(codec, "codec is null");
        this.random = requireNonNull(random, "random is null");
    }

    /**
     * As {@link #issue(AccountId, Function)}, as a v1 token when the request came through the global endpoint and the
     * account the credentials belong to has not chosen v2 tokens there (IAM SetSecurityTokenServicePreferences).
     */
    public Issued issue(RequestEnvironment env, IamSnapshot snapshot, AccountId account,
            Function<SecretAccessKey, SessionClaims> claimsForSecret) {
        boolean v1 = env.globalEndpoint() && snapshot.get(new StsPreferences(account,
                        GlobalEndpointTokenVersion.v1Token).key())
                .map(p -> ((StsPreferences) p).globalEndpointTokenVersion()).orElse(GlobalEndpointTokenVersion.v1Token)
                == GlobalEndpointTokenVersion.v1Token;
        return issue(account, v1 ? claimsForSecret.andThen(SessionClaims::asV1Token) : claimsForSecret);
    }

    /**
     * Builds the claims around a fresh secret (so the secret is sealed in the token) and seals them; session policies
     * and tags over the packed allowance are refused with {@code PackedPolicyTooLarge}.
     */
    public Issued issue(AccountId account, Function<SecretAccessKey, SessionClaims> claimsForSecret) {
        AccessKeyId keyId = AccessKeyId.generateTemporary(account, random);
        SecretAccessKey secret = SecretAccessKey.generate(random);
        SessionClaims claims = claimsForSecret.apply(secret);
        int packedPercent = SessionTokenCodec.packedPolicyPercent(claims.inlineSessionPolicy(),
                claims.sessionPolicyArns(), claims.tags());
        if (packedPercent > 100) {
            // AWS refuses by the packed allowance, not by whether the token would still fit.
            throw StsErrors.packedPolicyTooLarge(packedPercent);
        }
        try {
            String token = codec.seal(claims, keyId);
            return new Issued(new IssuedCredentials(keyId, secret, token, claims.expiresAt()), claims, packedPercent);
        } catch (TokenTooLargeException e) {
            throw StsErrors.packedPolicyTooLarge(Math.max(101, percentOver(e)));
        }
    }

    private static int percentOver(TokenTooLargeException e) {
        return (int) Math.ceil(100.0 * e.tokenLength() / SessionTokenCodec.MAX_TOKEN_LENGTH);
    }

    /** The credentials, the claims sealed in them, and their {@code PackedPolicySize} (computed here, once). */
    public record Issued(IssuedCredentials credentials, SessionClaims claims, int packedPolicyPercent) {}
}
