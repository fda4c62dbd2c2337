package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.oidc.internal.Claims.MalformedClaimException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registered-claim checks: issuer (before the signature, to pick the keys), then times, audience, subject. */
final class ClaimChecks {
    record Times(Instant issuedAt, Instant expiresAt) {
    }

    record Audience(String matched, List<String> all, Optional<String> authorizedParty) {
    }

    private final Duration skew;
    private final UrlPolicy urlPolicy;

    ClaimChecks(Duration skew, UrlPolicy urlPolicy) {
        this.skew = requireNonNull(skew, "skew is null");
        this.urlPolicy = requireNonNull(urlPolicy, "urlPolicy is null");
    }

    /**
     * {@code iss} must equal the registered provider URL exactly: AWS compares case-sensitively and without
     * normalizing a trailing slash (an Auth0 issuer {@code https://tenant/} is registered with its slash).
     */
    URI issuer(Claims claims, OidcProviderTrust provider, CheckTrail trail) {
        String iss = required(claims, "iss", Check.ISSUER, trail);
        if (!iss.equals(provider.issuerUrl())) {
            throw trail.invalid(Check.ISSUER, Messages.noProvider(iss),
                    "token iss '" + iss + "' does not equal the provider URL '" + provider.issuerUrl() + "'");
        }
        URI uri = UrlPolicy.parse(iss).orElseThrow(
                () -> trail.invalid(Check.ISSUER, Messages.noProvider(iss), "issuer is not a valid URL"));
        Optional<String> refused = uri.getRawQuery() != null || uri.getRawFragment() != null
                ? Optional.of("issuer URL carries a query or fragment")
                : urlPolicy.violation(uri);
        if (refused.isPresent()) {
            throw trail.invalid(Check.ISSUER, Messages.noProvider(iss), "issuer refused: " + refused.get());
        }
        trail.pass(Check.ISSUER, () -> "iss equals provider URL " + iss);
        return uri;
    }

    Times times(Claims claims, Instant now, CheckTrail trail) {
        Instant exp = requiredTime(claims, "exp", Check.EXPIRATION, trail);
        if (!now.minus(skew).isBefore(exp)) {
            throw trail.fail(Check.EXPIRATION, ErrorCode.EXPIRED_TOKEN_EXCEPTION,
                    Messages.expired(now.getEpochSecond(), exp.getEpochSecond()),
                    "exp " + exp + " is not after now " + now + " minus skew " + skew);
        }
        trail.pass(Check.EXPIRATION, () -> "exp " + exp + " is after now " + now + " (skew " + skew + ")");
        Optional<Instant> nbf = optionalTime(claims, "nbf", Check.NOT_BEFORE, trail);
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(skew))) {
            throw trail.invalid(Check.NOT_BEFORE, Messages.notYetValid(now.getEpochSecond(),
                    nbf.get().getEpochSecond()), "nbf " + nbf.get() + " is after now " + now + " plus skew " + skew);
        }
        trail.pass(Check.NOT_BEFORE, () -> nbf.map(t -> "nbf " + t + " reached").orElse("no nbf"));
        Instant iat = requiredTime(claims, "iat", Check.ISSUED_AT, trail);
        if (iat.isAfter(now.plus(skew))) {
            throw trail.invalid(Check.ISSUED_AT, Messages.issuedInFuture(now.getEpochSecond(), iat.getEpochSecond()),
                    "iat " + iat + " is after now " + now + " plus skew " + skew);
        }
        trail.pass(Check.ISSUED_AT, () -> "iat " + iat);
        return new Times(iat, exp);
    }

    /**
     * The first {@code aud} value that is a registered client ID; failing that {@code azp}, as AWS matches Google's
     * hybrid-app tokens. {@code aud} itself is required either way.
     */
    Audience audience(Claims claims, OidcProviderTrust provider, CheckTrail trail) {
        List<String> aud;
        Optional<String> azp;
        try {
            aud = claims.stringOrArray("aud");
            azp = claims.string("azp");
        } catch (MalformedClaimException e) {
            throw trail.invalid(Check.AUDIENCE, Messages.invalidClaim(e.claim()), e.getMessage());
        }
        if (aud.isEmpty()) {
            throw trail.invalid(Check.AUDIENCE, Messages.missingClaim("aud"), "token has no aud");
        }
        for (String value : aud) {
            if (provider.clientIds().contains(value)) {
                trail.pass(Check.AUDIENCE, () -> "aud '" + value + "' is a registered client ID");
                return new Audience(value, aud, azp);
            }
        }
        if (azp.isPresent() && provider.clientIds().contains(azp.get())) {
            trail.pass(Check.AUDIENCE, () -> "azp '" + azp.get() + "' is a registered client ID (aud " + aud + ")");
            return new Audience(azp.get(), aud, azp);
        }
        throw trail.invalid(Check.AUDIENCE, Messages.INCORRECT_AUDIENCE, "aud " + aud
                + azp.map(a -> " azp '" + a + "'").orElse("") + " matches none of the client IDs "
                + provider.clientIds());
    }

    String subject(Claims claims, CheckTrail trail) {
        String sub = required(claims, "sub", Check.SUBJECT, trail);
        if (sub.isEmpty()) {
            throw trail.invalid(Check.SUBJECT, Messages.missingClaim("sub"), "sub is empty");
        }
        trail.pass(Check.SUBJECT, () -> "sub '" + sub + "'");
        return sub;
    }

    private static String required(Claims claims, String name, Check check, CheckTrail trail) {
        try {
            return claims.string(name).orElseThrow(
                    () -> trail.invalid(check, Messages.missingClaim(name), "token has no " + name));
        } catch (MalformedClaimException e) {
            throw trail.invalid(check, Messages.invalidClaim(name), e.getMessage());
        }
    }

    private static Instant requiredTime(Claims claims, String name, Check check, CheckTrail trail) {
        return optionalTime(claims, name, check, trail)
                .orElseThrow(() -> trail.invalid(check, Messages.missingClaim(name), "token has no " + name));
    }

    private static Optional<Instant> optionalTime(Claims claims, String name, Check check, CheckTrail trail) {
        try {
            return claims.epochSeconds(name);
        } catch (MalformedClaimException e) {
            throw trail.invalid(check, Messages.invalidClaim(name), e.getMessage());
        }
    }
}
