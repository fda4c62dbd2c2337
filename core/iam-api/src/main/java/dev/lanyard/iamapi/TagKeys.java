package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ValidationErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one kind of IAM entity compares its tag keys, and the rules every tagged entity shares: IAM's limits on a
 * request's tags, no {@code aws:} prefix, no duplicate keys, at most 50 tags on the entity. Users, roles and server
 * certificates compare keys ignoring case (and keep the case given); policies, identity providers, instance profiles
 * and MFA devices compare them exactly.
 */
enum TagKeys {
    CASE_INSENSITIVE,
    CASE_SENSITIVE;

    private static final int MAX_TAGS = 50;

    /** The request's {@code Tags}, validated. */
    List<Tag> parse(QueryParameters params) {
        List<Map<String, String>> raw = params.structList("Tags");
        if (raw.size() > MAX_TAGS) {
            // The model's tagListType holds at most 50, so one request with more fails validation (as STS's does);
            // LimitExceeded is for a TagX that would take the entity's merged set past 50.
            throw ValidationErrors.single("tags", raw.toString(), ValidationErrors.lengthAtMost(MAX_TAGS));
        }
        List<Tag> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, String> entry : raw) {
            String key = entry.getOrDefault("Key", "");
            String value = entry.getOrDefault("Value", "");
            Validators.length("tags.member.key", key, 1, 128);
            Validators.length("tags.member.value", value, 0, 256);
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw IamErrors.invalidInput("User-defined tag keys can't start with \"aws:\".");
            }
            if (!seen.add(folded(key))) {
                throw IamErrors.invalidInput(switch (this) {
                    case CASE_INSENSITIVE -> "Duplicate tag keys found. Please note that Tag keys are case insensitive.";
                    case CASE_SENSITIVE -> "Duplicate tag keys found.";
                });
            }
            tags.add(new Tag(key, value));
        }
        return tags;
    }

    /**
     * Existing tags with new ones merged in, a new value replacing an existing key; LimitExceeded when the entity
     * would then hold more than 50 tags.
     */
    List<Tag> merge(List<Tag> existing, List<Tag> added) {
        List<Tag> result = new ArrayList<>();
        for (Tag tag : existing) {
            if (added.stream().noneMatch(a -> same(a.key(), tag.key()))) {
                result.add(tag);
            }
        }
        result.addAll(added);
        if (result.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
        }
        return result;
    }

    /** Existing tags without those whose key is one of these. */
    List<Tag> remove(List<Tag> existing, List<String> keys) {
        return existing.stream().filter(t -> keys.stream().noneMatch(k -> same(k, t.key()))).toList();
    }

    private boolean same(String a, String b) {
        return switch (this) {
            case CASE_INSENSITIVE -> a.equalsIgnoreCase(b);
            case CASE_SENSITIVE -> a.equals(b);
        };
    }

    private String folded(String key) {
        return switch (this) {
            case CASE_INSENSITIVE -> key.toLowerCase(Locale.ROOT);
            case CASE_SENSITIVE -> key;
        };
    }
}
