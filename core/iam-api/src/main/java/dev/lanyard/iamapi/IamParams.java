package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ValidationErrors;
import java.util.Optional;

/** Parameter shapes of the IAM model: names, paths, descriptions (tags: {@link TagKeys}). */
final class IamParams {
    private static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";

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
        return Arn.parse(arn)
                .filter(a -> a.service().equals("iam") && a.region().isEmpty())
                .filter(a -> a.account().equals("aws") || AccountId.isValid(a.account()))
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

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
