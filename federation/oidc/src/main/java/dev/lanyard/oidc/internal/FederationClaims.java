package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.oidc.internal.Claims.MalformedClaimException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-specific claims: session tags ({@code https://aws.amazon.com/tags}), source identity
 * ({@code https://aws.amazon.com/source_identity}) and {@code amr}. Only their shape is checked here; tag limits
 * and the transitive-key subset rule are the STS operation's, as for AssumeRole.
 *
 * @param principalTags in claim order
 */
record FederationClaims(Map<String, String> principalTags, List<String> transitiveTagKeys,
        Optional<String> sourceIdentity, List<String> amr) {
    static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

    FederationClaims {
        principalTags = Collections.unmodifiableMap(new LinkedHashMap<>(principalTags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        amr = List.copyOf(amr);
    }

    static FederationClaims read(Claims claims) throws MalformedClaimException {
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> transitive = List.of();
        Optional<Object> tagClaim = claims.raw(TAGS_CLAIM);
        if (tagClaim.isPresent()) {
            if (!(tagClaim.get() instanceof Map<?, ?> object)) {
                throw new MalformedClaimException(TAGS_CLAIM, "expected an object");
            }
            readPrincipalTags(object.get("principal_tags"), tags);
            Object keys = object.get("transitive_tag_keys");
            transitive = keys == null ? List.of() : Claims.strings(TAGS_CLAIM, keys);
        }
        Optional<String> sourceIdentity = claims.string(SOURCE_IDENTITY_CLAIM);
        return new FederationClaims(tags, transitive, sourceIdentity, claims.stringOrArray("amr"));
    }

    /** {@code {"K": ["V"]}}: session tags are single-valued, so each array must hold exactly one string. */
    private static void readPrincipalTags(Object value, Map<String, String> into) throws MalformedClaimException {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new MalformedClaimException(TAGS_CLAIM, "principal_tags is not an object");
        }
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            List<String> values = Claims.strings(TAGS_CLAIM, entry.getValue());
            if (values.size() != 1) {
                throw new MalformedClaimException(TAGS_CLAIM,
                        "tag " + entry.getKey() + " has " + values.size() + " values; tags are single-valued");
            }
            into.put((String) entry.getKey(), values.getFirst());
        }
    }
}
