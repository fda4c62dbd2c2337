package dev.lanyard.oidc.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.aws.ErrorCode;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Length, shape and header policy: only compact JWS with an asymmetric algorithm AWS supports, and no header that
 * would let the token name its own key ({@code jku}, {@code x5u}, {@code jwk}) or demand extensions ({@code crit}).
 */
final class JwsParsing {
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private JwsParsing() {
    }

    static void checkLength(String token, int max, CheckTrail trail) {
        if (token.length() > max) {
            throw trail.fail(Check.TOKEN_LENGTH, ErrorCode.VALIDATION_ERROR, Messages.tooLong(max),
                    "token has " + token.length() + " characters, the limit is " + max);
        }
        trail.pass(Check.TOKEN_LENGTH, () -> token.length() + " characters");
    }

    static ParsedToken parse(String token, CheckTrail trail) {
        SignedJWT jws = switch (classify(token, trail)) {
            case SignedJWT signed -> signed;
            case PlainJWT plain -> throw trail.invalid(Check.HEADER, Messages.unsupportedAlgorithm("none"),
                    "unsecured JWT (alg none) refused");
            case EncryptedJWT encrypted -> throw trail.invalid(Check.TOKEN_FORMAT, Messages.NOT_A_JWT,
                    "encrypted JWT (JWE) refused; only signed compact JWS is accepted");
            default -> throw trail.invalid(Check.TOKEN_FORMAT, Messages.NOT_A_JWT, "unknown JWT kind");
        };
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw trail.invalid(Check.TOKEN_FORMAT, Messages.NOT_A_JWT, "payload is not a JSON object");
        }
        trail.pass(Check.TOKEN_FORMAT, () -> "compact JWS with a JSON claims object");
        checkHeader(jws.getHeader(), trail);
        return new ParsedToken(jws, new Claims(claims));
    }

    /** The key id, if the header names one. */
    static Optional<String> keyId(ParsedToken token) {
        return Optional.ofNullable(token.jws().getHeader().getKeyID());
    }

    private static JWT classify(String token, CheckTrail trail) {
        try {
            return JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw trail.invalid(Check.TOKEN_FORMAT, Messages.NOT_A_JWT, "not a compact JWT: " + brief(e));
        }
    }

    private static void checkHeader(JWSHeader header, CheckTrail trail) {
        JWSAlgorithm alg = header.getAlgorithm();
        if (!ALLOWED.contains(alg)) {
            throw trail.invalid(Check.HEADER, Messages.unsupportedAlgorithm(alg.getName()),
                    "alg " + alg.getName() + " is not an allowed asymmetric algorithm " + ALLOWED);
        }
        refuseIfPresent(header.getJWKURL(), "jku", trail);
        refuseIfPresent(header.getX509CertURL(), "x5u", trail);
        refuseIfPresent(header.getJWK(), "jwk", trail);
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw trail.invalid(Check.HEADER, Messages.forbiddenHeader("crit"),
                    "critical header parameters " + header.getCriticalParams() + " are not understood");
        }
        trail.pass(Check.HEADER, () -> "alg=" + alg.getName() + " kid=" + header.getKeyID());
    }

    private static void refuseIfPresent(Object value, String parameter, CheckTrail trail) {
        if (value != null) {
            throw trail.invalid(Check.HEADER, Messages.forbiddenHeader(parameter),
                    "header names its own key via " + parameter + "; keys come only from the provider's JWKS");
        }
    }

    /** An exception's message, short enough for a log line (nimbus messages may quote input). */
    static String brief(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.length() <= 160 ? message : message.substring(0, 160) + "...";
    }
}
