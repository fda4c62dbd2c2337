package dev.lanyard.sts;

import static dev.lanyard.aws.AwsErrors.invalidParameterValue;

import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.tokens.SessionTag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The session tags and transitive tag keys of one request, validated as STS validates them. */
record SessionTagsRequest(List<SessionTag> tags, List<String> transitiveTagKeys) {
    private static final int MAX_TAGS = 50;

    SessionTagsRequest {
        tags = List.copyOf(tags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    static SessionTagsRequest from(QueryParameters params, boolean transitiveAllowed) {
        List<SessionTag> tags = new ArrayList<>();
        List<Map<String, String>> raw = params.structList("Tags");
        if (raw.size() > MAX_TAGS) {
            throw ValidationErrors.single("tags", raw.toString(), "Member must have length less than or equal to 50");
        }
        Set<String> lowerKeys = new HashSet<>();
        for (Map<String, String> entry : raw) {
            String key = entry.get("Key");
            String value = entry.get("Value");
            if (key == null || value == null) {
                throw AwsErrors.missingParameter(key == null ? "Key" : "Value");
            }
            tagText("key", key, 1, 128);
            tagText("value", value, 0, 256);
            if (!lowerKeys.add(key.toLowerCase(Locale.ROOT))) {
                throw invalidParameterValue(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.add(new SessionTag(key, value));
        }
        List<String> transitive = params.list("TransitiveTagKeys");
        if (!transitive.isEmpty() && !transitiveAllowed) {
            throw invalidParameterValue("TransitiveTagKeys are not supported for this operation.");
        }
        for (String key : transitive) {
            if (!lowerKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw invalidParameterValue("The specified transitive tag key must be included in the requested tags.");
            }
        }
        return new SessionTagsRequest(tags, transitive);
    }

    /** Tags from an identity provider's token, held to the same rules as request tags. */
    static SessionTagsRequest fromClaims(Map<String, String> claimTags, List<String> transitive) {
        if (claimTags.size() > MAX_TAGS) {
            throw invalidParameterValue("The number of session tags exceeds the limit of " + MAX_TAGS + ".");
        }
        List<SessionTag> tags = new ArrayList<>();
        Set<String> lowerKeys = new HashSet<>();
        claimTags.forEach((key, value) -> {
            tagText("key", key, 1, 128);
            tagText("value", value, 0, 256);
            if (!lowerKeys.add(key.toLowerCase(Locale.ROOT))) {
                throw invalidParameterValue(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.add(new SessionTag(key, value));
        });
        for (String key : transitive) {
            if (!lowerKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw invalidParameterValue("The specified transitive tag key must be included in the requested tags.");
            }
        }
        return new SessionTagsRequest(tags, transitive);
    }

    boolean isEmpty() {
        return tags.isEmpty() && transitiveTagKeys.isEmpty();
    }

    private static void tagText(String member, String text, int min, int max) {
        Validators.length(member, text, min, max);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean allowed = Character.isLetter(cp) || Character.isSpaceChar(cp) || Character.isDigit(cp)
                    || Character.getType(cp) == Character.LETTER_NUMBER || Character.getType(cp) == Character.OTHER_NUMBER
                    || "_.:/=+-@".indexOf(cp) >= 0;
            if (!allowed) {
                throw ValidationErrors.single(member, text,
                        ValidationErrors.pattern("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]" + (min == 0 ? "*" : "+")));
            }
            i += Character.charCount(cp);
        }
        if (text.regionMatches(true, 0, "aws:", 0, 4)) {
            throw invalidParameterValue("Tag keys and values cannot start with the reserved prefix 'aws:'.");
        }
    }

    /** aws:RequestTag/*, aws:TagKeys and sts:TransitiveTagKeys for the trust-policy evaluation. */
    void addTo(ContextKeys.Builder keys) {
        if (tags.isEmpty()) {
            return;
        }
        tags.forEach(t -> keys.put("aws:RequestTag/" + t.key(), t.value()));
        keys.putMulti("aws:TagKeys", tags.stream().map(SessionTag::key).toList());
        if (!transitiveTagKeys.isEmpty()) {
            keys.putMulti("sts:TransitiveTagKeys", transitiveTagKeys);
        }
    }
}
