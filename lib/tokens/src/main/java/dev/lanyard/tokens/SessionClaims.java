package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a session needs, sealed into its token, so that no node ever looks a session up.
 *
 * @param kind what the session stands for
 * @param origin the STS operation that issued it
 * @param account the account the principal belongs to
 * @param secretAccessKey the session's own secret (prints as {@code [REDACTED]})
 * @param principalArn role ARN with its path, IAM user ARN, root ARN, or federated-user ARN
 * @param principalId {@code AROA…}, {@code AIDA…}, or the account id for root
 * @param sessionName RoleSessionName or the federated Name; empty for GetSessionToken
 * @param parentUserArn GetFederationToken: the IAM user (or root) that created the session
 * @param parentUserId GetFederationToken: that user's unique ID ({@code AIDA…}, or the account ID for root), so that
 *     a user deleted and created again under the same name is not the session's parent; empty only in tokens sealed
 *     before body version 2
 * @param mfaAuthenticatedAt when MFA was used; empty otherwise
 * @param tags principal tags coming from the session (session tags plus transitive ones)
 * @param transitiveTagKeys the tag keys that pass on to chained sessions
 * @param inlineSessionPolicy the inline session policy, raw JSON as passed
 * @param sessionPolicyArns managed session policy ARNs
 * @param chainDepth 0 when created from long-term credentials, +1 per role chaining hop
 * @param federationClaims claims of the federated identity (e.g. {@code sub}), kept small
 * @param v1Token a v1 token of STS's global endpoint, valid only in regions enabled by default; v2 tokens (regional
 *     endpoints, or the global one once the account chose v2) are valid in every region
 */
public record SessionClaims(
        SessionKind kind,
        SessionOrigin origin,
        AccountId account,
        SecretAccessKey secretAccessKey,
        String principalArn,
        String principalId,
        String sessionName,
        Optional<String> parentUserArn,
        Optional<String> parentUserId,
        Instant issuedAt,
        Instant expiresAt,
        Optional<Instant> mfaAuthenticatedAt,
        Optional<String> sourceIdentity,
        List<SessionTag> tags,
        List<String> transitiveTagKeys,
        Optional<String> inlineSessionPolicy,
        List<String> sessionPolicyArns,
        int chainDepth,
        Map<String, List<String>> federationClaims,
        boolean v1Token) {

    public SessionClaims {
        requireNonNull(kind, "kind is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(account, "account is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(parentUserArn, "parentUserArn is null");
        requireNonNull(parentUserId, "parentUserId is null");
        if (parentUserId.isPresent() && parentUserArn.isEmpty()) {
            throw new IllegalArgumentException("parentUserId without parentUserArn");
        }
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(mfaAuthenticatedAt, "mfaAuthenticatedAt is null");
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
        requireNonNull(inlineSessionPolicy, "inlineSessionPolicy is null");
        sessionPolicyArns = List.copyOf(requireNonNull(sessionPolicyArns, "sessionPolicyArns is null"));
        federationClaims = deepCopy(requireNonNull(federationClaims, "federationClaims is null"));
        if (chainDepth < 0) {
            throw new IllegalArgumentException("chainDepth must not be negative");
        }
        if (expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("expiresAt is before issuedAt");
        }
    }

    /** The claims' one way in: every component not set is empty (none, 0, false, ""). */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().kind(kind).origin(origin).account(account).secretAccessKey(secretAccessKey)
                .principalArn(principalArn).principalId(principalId).sessionName(sessionName)
                .parentUserArn(parentUserArn).parentUserId(parentUserId).issuedAt(issuedAt).expiresAt(expiresAt)
                .mfaAuthenticatedAt(mfaAuthenticatedAt).sourceIdentity(sourceIdentity).tags(tags)
                .transitiveTagKeys(transitiveTagKeys).inlineSessionPolicy(inlineSessionPolicy)
                .sessionPolicyArns(sessionPolicyArns).chainDepth(chainDepth).federationClaims(federationClaims)
                .v1Token(v1Token);
    }

    /** The same claims as a v1 token of the global endpoint. */
    public SessionClaims asV1Token() {
        return toBuilder().v1Token(true).build();
    }

    /** Names each claim; the record's constructor checks them all when {@link #build()} is called. */
    public static final class Builder {
        private SessionKind kind;
        private SessionOrigin origin;
        private AccountId account;
        private SecretAccessKey secretAccessKey;
        private String principalArn;
        private String principalId;
        private String sessionName = "";
        private Optional<String> parentUserArn = Optional.empty();
        private Optional<String> parentUserId = Optional.empty();
        private Instant issuedAt;
        private Instant expiresAt;
        private Optional<Instant> mfaAuthenticatedAt = Optional.empty();
        private Optional<String> sourceIdentity = Optional.empty();
        private List<SessionTag> tags = List.of();
        private List<String> transitiveTagKeys = List.of();
        private Optional<String> inlineSessionPolicy = Optional.empty();
        private List<String> sessionPolicyArns = List.of();
        private int chainDepth;
        private Map<String, List<String>> federationClaims = Map.of();
        private boolean v1Token;

        private Builder() {}

        public Builder kind(SessionKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder origin(SessionOrigin origin) {
            this.origin = origin;
            return this;
        }

        public Builder account(AccountId account) {
            this.account = account;
            return this;
        }

        public Builder secretAccessKey(SecretAccessKey secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        public Builder principalArn(String principalArn) {
            this.principalArn = principalArn;
            return this;
        }

        public Builder principalId(String principalId) {
            this.principalId = principalId;
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        public Builder parentUserArn(Optional<String> parentUserArn) {
            this.parentUserArn = parentUserArn;
            return this;
        }

        public Builder parentUserId(Optional<String> parentUserId) {
            this.parentUserId = parentUserId;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder mfaAuthenticatedAt(Optional<Instant> mfaAuthenticatedAt) {
            this.mfaAuthenticatedAt = mfaAuthenticatedAt;
            return this;
        }

        public Builder sourceIdentity(Optional<String> sourceIdentity) {
            this.sourceIdentity = sourceIdentity;
            return this;
        }

        public Builder tags(List<SessionTag> tags) {
            this.tags = tags;
            return this;
        }

        public Builder transitiveTagKeys(List<String> transitiveTagKeys) {
            this.transitiveTagKeys = transitiveTagKeys;
            return this;
        }

        public Builder inlineSessionPolicy(Optional<String> inlineSessionPolicy) {
            this.inlineSessionPolicy = inlineSessionPolicy;
            return this;
        }

        public Builder sessionPolicyArns(List<String> sessionPolicyArns) {
            this.sessionPolicyArns = sessionPolicyArns;
            return this;
        }

        public Builder chainDepth(int chainDepth) {
            this.chainDepth = chainDepth;
            return this;
        }

        public Builder federationClaims(Map<String, List<String>> federationClaims) {
            this.federationClaims = federationClaims;
            return this;
        }

        public Builder v1Token(boolean v1Token) {
            this.v1Token = v1Token;
            return this;
        }

        public SessionClaims build() {
            return new SessionClaims(kind, origin, account, secretAccessKey, principalArn, principalId, sessionName,
                    parentUserArn, parentUserId, issuedAt, expiresAt, mfaAuthenticatedAt, sourceIdentity, tags,
                    transitiveTagKeys, inlineSessionPolicy, sessionPolicyArns, chainDepth, federationClaims, v1Token);
        }
    }

    private static Map<String, List<String>> deepCopy(Map<String, List<String>> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(claims.size() * 2);
        for (Map.Entry<String, List<String>> claim : claims.entrySet()) {
            copy.put(requireNonNull(claim.getKey(), "claim name is null"), List.copyOf(claim.getValue()));
        }
        return Map.copyOf(copy);
    }
}
