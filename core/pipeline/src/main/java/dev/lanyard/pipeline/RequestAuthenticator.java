package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.VerifiedSignature;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenRejectedException;
import dev.lanyard.tokens.TokenRejectionReason;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Turns a signed request into a {@link Caller}, for every front end: long-term keys come from the read model,
 * temporary keys from their sealed session token (no lookup). The signature itself is checked by the front end's
 * {@link SignatureCheck} once the key's secret is known; a refusal of the credentials is a
 * {@link CredentialsRejectedException} whose reason each front end answers in its own words.
 */
public final class RequestAuthenticator {
    private final IamStore store;
    private final SessionTokenCodec codec;
    private final InstantSource clock;
    private final Partition partition;
    private final BooleanSupplier reloadKeysetForUnknownKey;

    /**
     * {@code reloadKeysetForUnknownKey} reloads the token keyset when a token names a key this node has not seen (one
     * another node just staged), and says whether it found a newer keyset. Sessions are accepted only from tokens
     * issued in {@code partition}, the one this deployment serves.
     */
    public RequestAuthenticator(IamStore store, SessionTokenCodec codec, InstantSource clock, Partition partition,
            BooleanSupplier reloadKeysetForUnknownKey) {
        this.store = requireNonNull(store, "store is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.partition = requireNonNull(partition, "partition is null");
        this.reloadKeysetForUnknownKey = requireNonNull(reloadKeysetForUnknownKey, "reloadKeysetForUnknownKey is null");
    }

    /**
     * The caller of a request whose parsed signature is {@code signed}, once {@code check} has verified it with the
     * secret of the key it names: the one entry point of every front end.
     *
     * @throws CredentialsRejectedException when the key, the token or the principal behind them is refused
     */
    public Authenticated authenticate(SignedRequest signed, SignatureCheck check) {
        requireNonNull(signed, "signed is null");
        requireNonNull(check, "check is null");
        AccessKeyId keyId = AccessKeyId.parse(signed.accessKeyId())
                .orElseThrow(() -> reject(CredentialRejection.UNKNOWN_ACCESS_KEY, "malformed key id"));
        IamSnapshot snapshot = store.snapshot();
        Authenticated authenticated = keyId.isTemporary() ? sessionCaller(snapshot, signed, check, keyId)
                : longTermCaller(snapshot, signed, check, keyId);
        Caller caller = authenticated.caller();
        if (snapshot.account(caller.account()).map(a -> !a.active()).orElse(false)) {
            throw reject(CredentialRejection.ACCOUNT_CLOSED, "account " + caller.account() + " is closed");
        }
        return authenticated;
    }

    /** Who signed, and the proof that the signature was checked (its payload hash, its chunk signing key). */
    public record Authenticated(Caller caller, VerifiedSignature signature) {
        public Authenticated {
            requireNonNull(caller, "caller is null");
            requireNonNull(signature, "signature is null");
        }

        public SignedRequest signed() {
            return signature.request();
        }
    }

    private Authenticated longTermCaller(IamSnapshot snapshot, SignedRequest signed, SignatureCheck check,
            AccessKeyId keyId) {
        // AWS refuses a session token sent with a long-term key rather than ignore it.
        if (signed.securityToken().isPresent()) {
            throw reject(CredentialRejection.INVALID_TOKEN, "long-term access key " + keyId
                    + " sent with a session token");
        }
        AccessKey key = snapshot.accessKey(keyId)
                .filter(k -> k.status() == AccessKey.Status.Active)
                .orElseThrow(() -> reject(CredentialRejection.UNKNOWN_ACCESS_KEY,
                        "unknown or inactive access key " + keyId));
        VerifiedSignature verified = check.verify(key.secret());
        if (key.rootKey()) {
            return new Authenticated(new Caller.Root(key.account(), keyId, Optional.empty(), partition), verified);
        }
        User user = snapshot.user(key.account(), key.userName().orElseThrow())
                .orElseThrow(() -> reject(CredentialRejection.UNKNOWN_ACCESS_KEY,
                        "access key " + keyId + " belongs to a deleted user"));
        return new Authenticated(new Caller.IamUser(user, keyId, Optional.empty(), partition), verified);
    }

    private Authenticated sessionCaller(IamSnapshot snapshot, SignedRequest signed, SignatureCheck check,
            AccessKeyId keyId) {
        String token = signed.securityToken().orElseThrow(() -> reject(CredentialRejection.INVALID_TOKEN,
                "temporary key without a session token"));
        SessionClaims claims = unseal(token, keyId);
        VerifiedSignature verified = check.verify(claims.secretAccessKey());
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw reject(CredentialRejection.EXPIRED_TOKEN, "session of " + claims.principalArn() + " expired at "
                    + claims.expiresAt());
        }
        return new Authenticated(SessionPrincipals.caller(snapshot, claims, keyId, partition), verified);
    }

    private SessionClaims unseal(String token, AccessKeyId keyId) {
        try {
            return codec.unseal(token, keyId);
        } catch (TokenRejectedException e) {
            if (e.reason() == TokenRejectionReason.UNKNOWN_KEY && reloadKeysetForUnknownKey.getAsBoolean()) {
                try {
                    return codec.unseal(token, keyId);
                } catch (TokenRejectedException again) {
                    throw reject(CredentialRejection.INVALID_TOKEN,
                            "session token rejected after keyset reload: " + again.reason());
                }
            }
            throw reject(CredentialRejection.INVALID_TOKEN, "session token rejected: " + e.reason());
        }
    }

    static CredentialsRejectedException reject(CredentialRejection rejection, String detail) {
        return new CredentialsRejectedException(rejection, detail);
    }
}
