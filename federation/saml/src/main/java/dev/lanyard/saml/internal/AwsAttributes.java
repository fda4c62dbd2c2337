package dev.lanyard.saml.internal;

import dev.lanyard.aws.Arn;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion.RolePair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes AWS defines under {@code https://aws.amazon.com/SAML/Attributes/}: every (role, provider) pair of
 * {@code Role} (either order, as AWS accepts), the required {@code RoleSessionName}, {@code SessionDuration},
 * {@code PrincipalTag:*}, {@code TransitiveTagKeys} and {@code SourceIdentity}. Which pair is requested is the
 * caller's check; tag counts and lengths are checked with the request's own tags by the caller.
 */
record AwsAttributes(List<RolePair> roles, String roleSessionName, Optional<Integer> sessionDuration,
        Map<String, String> principalTags, List<String> transitiveTagKeys, Optional<String> sourceIdentity) {
    static final String PREFIX = "https://aws.amazon.com/SAML/Attributes/";
    static final String ROLE = PREFIX + "Role";
    static final String ROLE_SESSION_NAME = PREFIX + "RoleSessionName";
    static final String SESSION_DURATION = PREFIX + "SessionDuration";
    static final String PRINCIPAL_TAG = PREFIX + "PrincipalTag:";
    static final String TRANSITIVE_TAG_KEYS = PREFIX + "TransitiveTagKeys";
    static final String SOURCE_IDENTITY = PREFIX + "SourceIdentity";

    private static final String SESSION_NAME_RULE =
            "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}";
    private static final String SOURCE_IDENTITY_RULE =
            "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"";

    static AwsAttributes read(Map<String, List<String>> attributes, CheckLog log) {
        List<RolePair> roles = roles(attributes.getOrDefault(ROLE, List.of()));
        log.pass("role", roles.size() + " role/provider pair(s): " + roles);
        String sessionName = single(attributes, ROLE_SESSION_NAME, "role-session-name", SESSION_NAME_RULE)
                .orElseThrow(() -> SamlErrors.requiredInAuthnResponse("role-session-name", "RoleSessionName",
                        "no " + ROLE_SESSION_NAME + " attribute"));
        if (!isSessionNameText(sessionName) || sessionName.length() < 2 || sessionName.length() > 64) {
            throw SamlErrors.invalid("role-session-name", SESSION_NAME_RULE, "\"" + sessionName + "\"");
        }
        log.pass("role-session-name", "\"" + sessionName + "\"");
        Optional<Integer> duration = sessionDuration(attributes);
        log.pass("session-duration", duration.map(seconds -> seconds + " seconds").orElse("absent (optional)"));
        Map<String, String> tags = principalTags(attributes);
        List<String> transitive = attributes.getOrDefault(TRANSITIVE_TAG_KEYS, List.of());
        log.pass("session-tags", "principal tags " + tags.keySet() + ", transitive " + transitive);
        Optional<String> sourceIdentity = single(attributes, SOURCE_IDENTITY, "source-identity", SOURCE_IDENTITY_RULE);
        sourceIdentity.ifPresent(AwsAttributes::checkSourceIdentity);
        log.pass("source-identity", sourceIdentity.map(value -> "\"" + value + "\"").orElse("absent (optional)"));
        return new AwsAttributes(roles, sessionName, duration, tags, transitive, sourceIdentity);
    }

    private static List<RolePair> roles(List<String> values) {
        List<RolePair> pairs = new ArrayList<>();
        for (String value : values) {
            rolePair(value).ifPresent(pairs::add);
        }
        if (pairs.isEmpty()) {
            throw SamlErrors.requiredInAuthnResponse("role", "Role", values.isEmpty() ? "no " + ROLE + " attribute"
                    : "no value of " + ROLE + " is a \"role ARN,SAML provider ARN\" pair: " + values);
        }
        return pairs;
    }

    static Optional<RolePair> rolePair(String value) {
        int comma = value.indexOf(',');
        if (comma < 0 || value.indexOf(',', comma + 1) >= 0) {
            return Optional.empty();
        }
        String first = Dom.trim(value.substring(0, comma));
        String second = Dom.trim(value.substring(comma + 1));
        if (isIamArn(first, "role") && isIamArn(second, "saml-provider")) {
            return Optional.of(new RolePair(first, second));
        }
        if (isIamArn(first, "saml-provider") && isIamArn(second, "role")) {
            return Optional.of(new RolePair(second, first));
        }
        return Optional.empty();
    }

    private static boolean isIamArn(String text, String resourceType) {
        Optional<Arn> arn = Arn.parse(text);
        return arn.isPresent() && "iam".equals(arn.get().service()) && arn.get().region().isEmpty()
                && arn.get().accountId().isPresent() && resourceType.equals(arn.get().resourceType())
                && arn.get().resource().length() > resourceType.length() + 1;
    }

    private static Optional<Integer> sessionDuration(Map<String, List<String>> attributes) {
        String rule = "SessionDuration in AuthnResponse must be an integer between 900 and 43200";
        Optional<String> text = single(attributes, SESSION_DURATION, "session-duration", rule);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String digits = text.get();
        boolean numeric = !digits.isEmpty() && digits.length() <= 5;
        for (int i = 0; i < digits.length() && numeric; i++) {
            numeric = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        int seconds = numeric ? Integer.parseInt(digits) : -1;
        if (seconds < 900 || seconds > 43200) {
            throw SamlErrors.invalid("session-duration", rule, "\"" + digits + "\"");
        }
        return Optional.of(seconds);
    }

    private static Map<String, String> principalTags(Map<String, List<String>> attributes) {
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> lowerCaseKeys = new HashSet<>();
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            if (!attribute.getKey().startsWith(PRINCIPAL_TAG)) {
                continue;
            }
            String key = attribute.getKey().substring(PRINCIPAL_TAG.length());
            if (key.isEmpty() || attribute.getValue().size() != 1) {
                throw SamlErrors.inAuthnResponse("session-tags", "PrincipalTag", "\"" + attribute.getKey()
                        + "\" needs a key and exactly one value (" + attribute.getValue().size() + " given)");
            }
            if (!lowerCaseKeys.add(key.toLowerCase(Locale.ROOT))) {
                throw new Rejection(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.", "session-tags",
                        "the PrincipalTag key \"" + key + "\" appears twice ignoring case");
            }
            tags.put(key, attribute.getValue().getFirst());
        }
        return tags;
    }

    private static void checkSourceIdentity(String value) {
        if (value.length() < 2 || value.length() > 64 || !isSessionNameText(value)
                || value.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw SamlErrors.invalid("source-identity", SOURCE_IDENTITY_RULE, "\"" + value + "\"");
        }
    }

    /** The attribute's only value; empty when absent; several values break the given rule. */
    private static Optional<String> single(Map<String, List<String>> attributes, String name, String check,
            String rule) {
        List<String> values = attributes.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw SamlErrors.invalid(check, rule, name + " has " + values.size() + " values; one is allowed");
        }
        return Optional.of(values.getFirst());
    }

    private static boolean isSessionNameText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_+=,.@-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
