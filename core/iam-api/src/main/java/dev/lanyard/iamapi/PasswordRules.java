package dev.lanyard.iamapi;

import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.passwords.Password;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ValidationErrors;
import java.util.Optional;

/** What a password must be: the model's characters and length, then the account's password policy (or AWS's default). */
final class PasswordRules {
    /** The characters IAM counts as symbols (AWS's password policy documentation). */
    static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
    static final int MAX_LENGTH = 128;
    /** AWS's default policy, when the account has none: 8 characters, three character classes of four. */
    static final int DEFAULT_MINIMUM_LENGTH = 8;

    private PasswordRules() {}

    /** A password parameter, checked against the model without ever echoing it. */
    static Password parameter(QueryParameters params, String param) {
        String member = Character.toLowerCase(param.charAt(0)) + param.substring(1);
        Optional<String> value = params.get(param);
        ValidationErrors.Collector errors = ValidationErrors.collector();
        if (value.isEmpty()) {
            errors.addNull(member, ValidationErrors.notNull());
        } else {
            String v = value.get();
            if (v.isEmpty()) {
                errors.addWithoutValue(member, ValidationErrors.lengthAtLeast(1));
            } else if (v.length() > MAX_LENGTH) {
                errors.addWithoutValue(member, ValidationErrors.lengthAtMost(MAX_LENGTH));
            }
            if (!v.isEmpty() && !v.chars().allMatch(PasswordRules::allowedCharacter)) {
                errors.addWithoutValue(member, ValidationErrors.pattern("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"));
            }
        }
        errors.throwIfAny();
        return Password.of(value.orElseThrow());
    }

    private static boolean allowedCharacter(int c) {
        return c == 0x09 || c == 0x0a || c == 0x0d || (c >= 0x20 && c <= 0xff);
    }

    /** PasswordPolicyViolation unless the password satisfies the account's policy, or AWS's default without one. */
    static void require(Optional<PasswordPolicy> policy, Password password, Optional<Account> account) {
        if (!satisfies(policy, password.reveal(), account)) {
            throw IamErrors.passwordPolicyViolation();
        }
    }

    static boolean satisfies(Optional<PasswordPolicy> policy, String password, Optional<Account> account) {
        boolean upper = password.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean lower = password.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        boolean number = password.chars().anyMatch(c -> c >= '0' && c <= '9');
        boolean symbol = password.chars().anyMatch(c -> SYMBOLS.indexOf(c) >= 0);
        if (policy.isPresent()) {
            PasswordPolicy p = policy.get();
            return password.length() >= p.minimumPasswordLength()
                    && (!p.requireUppercaseCharacters() || upper)
                    && (!p.requireLowercaseCharacters() || lower)
                    && (!p.requireNumbers() || number)
                    && (!p.requireSymbols() || symbol);
        }
        int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (number ? 1 : 0) + (symbol ? 1 : 0);
        boolean namesTheAccount = account.map(a -> password.equals(a.name()) || password.equalsIgnoreCase(a.email()))
                .orElse(false);
        return password.length() >= DEFAULT_MINIMUM_LENGTH && classes >= 3 && !namesTheAccount;
    }
}
