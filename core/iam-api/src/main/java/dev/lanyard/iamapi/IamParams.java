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
import java.util.Optional;
import java.util.Set;

/** Parameter shapes of the IAM model: names, paths, descriptions, tags. */
final class IamParams {
    private static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    private static final int MAX_TAGS = 50;

    private IamParams() {}

    static String name(QueryParameters params, String param, String member, int max) {
        return Validators.name(member, params.required(param), 1, max, "[\\w+=,.@-]+");
    }

    static Optional<String> optionalName(QueryParameters params, String param, String member, int max) {
        return params.get(param).map(v -> Validators.name(member, v, 1, max, "[\\w+=,.@-]+"));
    }

    static String path(QueryParameters params, String param) {
        return params.get(param).map(p -> checkPath(param, p)).orElse("/");
    }

    static String checkPath(String member, String path) {
        Validators.length(lowerFirst(member), path, 1, 512);
        boolean ok = path.equals("/") || (path.length() > 1 && path.startsWith("/") && path.endsWith("/")
                && path.chars().allMatch(c -> c >= 0x21 && c <= 0x7e));
        if (!ok) {
            throw ValidationErrors.single(lowerFirst(member), path, ValidationErrors.pattern(PATH_PATTERN));
        }
        return path;
    }

    static Optional<String> pathPrefix(QueryParameters params) {
        return params.get("PathPrefix").map(p -> {
            Validators.length("pathPrefix", p, 1, 512);
            if (!p.startsWith("/")) {
                throw ValidationErrors.single("pathPrefix", p,
                        ValidationErrors.pattern("\\u002F[\\u0021-\\u007F]*"));
            }
            return p;
        });
    }

    /** A managed policy's ARN: {@code arn:PARTITION:iam::ACCOUNT-or-aws:policy/[PATH/]NAME}. */
    static boolean isPolicyArn(String arn) {
        return dev.lanyard.aws.Arn.parse(arn)
                .filter(a -> a.service().equals("iam") && a.region().isEmpty())
                .filter(a -> a.account().equals("aws") || dev.lanyard.aws.AccountId.isValid(a.account()))
                .filter(a -> a.resource().startsWith("policy/") && a.resource().length() > "policy/".length())
                .isPresent();
    }

    /** The PolicyArn parameter; anything but a policy ARN is AWS's ValidationError "ARN X is not valid.". */
    static String policyArn(QueryParameters params) {
        String arn = params.required("PolicyArn");
        if (!isPolicyArn(arn)) {
            throw IamErrors.invalidPolicyArn(arn);
        }
        return arn;
    }

    static Optional<String> description(QueryParameters params) {
        return params.get("Description").map(d -> Validators.length("description", d, 0, 1000));
    }

    /** Tags with IAM's limits; keys compared case-insensitively for duplicates. */
    static List<Tag> tags(QueryParameters params) {
        return tags(params, true);
    }

    /** Tag keys are case-insensitive on users and roles, case-sensitive on policies, providers and MFA devices. */
    static List<Tag> tags(QueryParameters params, boolean caseInsensitiveKeys) {
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
            if (!seen.add(caseInsensitiveKeys ? key.toLowerCase(Locale.ROOT) : key)) {
                throw IamErrors.invalidInput(caseInsensitiveKeys
                        ? "Duplicate tag keys found. Please note that Tag keys are case insensitive."
                        : "Duplicate tag keys found.");
            }
            tags.add(new Tag(key, value));
        }
        return tags;
    }

    /** Existing tags with new ones merged in (a new value replaces an existing key, compared case-insensitively). */
    static List<Tag> merge(List<Tag> existing, List<Tag> added) {
        return merge(existing, added, true);
    }

    /**
     * Existing tags with new ones merged in, a new value replacing an existing key; LimitExceeded when the entity
     * would then hold more than 50 tags.
     */
    static List<Tag> merge(List<Tag> existing, List<Tag> added, boolean caseInsensitiveKeys) {
        List<Tag> result = new ArrayList<>();
        for (Tag tag : existing) {
            if (added.stream().noneMatch(a -> caseInsensitiveKeys ? a.key().equalsIgnoreCase(tag.key())
                    : a.key().equals(tag.key()))) {
                result.add(tag);
            }
        }
        result.addAll(added);
        if (result.size() > MAX_TAGS) {
            throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
        }
        return result;
    }

    static List<Tag> remove(List<Tag> existing, List<String> keys) {
        return existing.stream().filter(t -> keys.stream().noneMatch(k -> k.equalsIgnoreCase(t.key()))).toList();
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
