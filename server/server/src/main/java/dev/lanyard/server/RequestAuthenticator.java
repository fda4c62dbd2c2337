package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.s3gateway.S3CallerAuthenticator;
import dev.lanyard.sigv4.VerifiedSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.PresignedLifetime;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenRejectedException;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Turns a signed request into a {@link Caller}: long-term keys come from the read model, temporary keys from their
 * sealed session token (no lookup). Every failure maps to AWS's uniform client errors; the detail goes to the log.
 */
final class RequestAuthenticator {
    private final IamStore store;
    private final SessionTokenCodec codec;
    private final SigV4Verifier verifier;
    private final InstantSource clock;
    private final java.util.function.BooleanSupplier reloadKeysetForUnknownKey;

    RequestAuthenticator(IamStore store, SessionTokenCodec codec, SigV4Verifier verifier, InstantSource clock,
            java.util.function.BooleanSupplier reloadKeysetForUnknownKey) {
        this.reloadKeysetForUnknownKey = requireNonNull(reloadKeysetForUnknownKey, "reloadKeysetForUnknownKey is null");
        this.store = requireNonNull(store, "store is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The authenticated caller of {@code request}, whose parsed signature is {@code signed}; a presigned request
     * lives as long as {@code lifetime} says.
     */
    Authenticated authenticate(HttpRequestParts request, SignedRequest signed, PresignedLifetime lifetime) {
        Caller caller = resolve(signed, secret -> verifier.verify(signed, request, secret, lifetime));
        return new Authenticated(caller, signed);
    }

    /**
     * The S3 gateway's door into the same resolution: the gateway checks the signature by S3's rules with the secret
     * found here.
     */
    S3CallerAuthenticator.Authenticated authenticateS3(SignedRequest signed,
            S3CallerAuthenticator.SignatureCheck check) {
        List<VerifiedSignature> verified = new ArrayList<>(1);
        Caller caller = resolve(signed, secret -> verified.add(check.verify(secret)));
        return new S3CallerAuthenticator.Authenticated(caller, verified.getFirst());
    }

    /** The caller behind the key, once {@code verify} accepted the signature with the key's secret. */
    private Caller resolve(SignedRequest signed, Consumer<SecretAccessKey> verify) {
        AccessKeyId keyId = AccessKeyId.parse(signed.accessKeyId()).orElseThrow(() -> invalid("malformed key id"));
        IamSnapshot snapshot = store.snapshot();
        Caller caller = keyId.isTemporary() ? sessionCaller(snapshot, signed, verify, keyId)
                : longTermCaller(snapshot, signed, verify, keyId);
        // Principals of a closed account stop working at once, sessions included.
        if (snapshot.account(caller.account()).map(a -> !a.active()).orElse(false)) {
            throw invalid("account " + caller.account() + " is closed");
        }
        return caller;
    }

    record Authenticated(Caller caller, SignedRequest signed) {}

    private Caller longTermCaller(IamSnapshot snapshot, SignedRequest signed, Consumer<SecretAccessKey> verify,
            AccessKeyId keyId) {
        // AWS refuses a session token sent with a long-term key rather than ignore it.
        if (signed.securityToken().isPresent()) {
            throw invalid("long-term access key " + keyId + " sent with a session token");
        }
        AccessKey key = snapshot.accessKey(keyId)
                .filter(k -> k.status() == AccessKey.Status.Active)
                .orElseThrow(() -> invalid("unknown or inactive access key " + keyId));
        verify.accept(key.secret());
        if (key.rootKey()) {
            return new Caller.Root(key.account(), keyId, Optional.empty());
        }
        User user = snapshot.user(key.account(), key.userName().orElseThrow())
                .orElseThrow(() -> invalid("access key " + keyId + " belongs to a deleted user"));
        return new Caller.IamUser(user, keyId, Optional.empty());
    }

    private Caller sessionCaller(IamSnapshot snapshot, SignedRequest signed, Consumer<SecretAccessKey> verify,
            AccessKeyId keyId) {
        String token = signed.securityToken().orElseThrow(() -> invalid("temporary key without a session token"));
        SessionClaims claims = unseal(token, keyId);
        verify.accept(claims.secretAccessKey());
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new AwsException(ErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired",
                    "session of " + claims.principalArn() + " expired at " + claims.expiresAt());
        }
        return SessionPrincipals.caller(snapshot, claims, keyId);
    }

    private SessionClaims unseal(String token, AccessKeyId keyId) {
        try {
            return codec.unseal(token, keyId);
        } catch (TokenRejectedException e) {
            if (e.reason() == dev.lanyard.tokens.TokenRejectionReason.UNKNOWN_KEY
                    && reloadKeysetForUnknownKey.getAsBoolean()) {
                try {
                    return codec.unseal(token, keyId);
                } catch (TokenRejectedException again) {
                    throw invalid("session token rejected after keyset reload: " + again.reason());
                }
            }
            throw invalid("session token rejected: " + e.reason());
        }
    }

    private static AwsException invalid(String detail) {
        return new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                "The security token included in the request is invalid.", detail);
    }
}
