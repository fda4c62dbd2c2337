package dev.lanyard.sts;

import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parameter rules shared by the STS operations (aws-sts-api.md §3). */
final class StsRequests {
    static final int MAX_POLICY_ARNS = 10;

    private StsRequests() {}

    static Optional<String> sessionPolicy(QueryParameters params, int maxLength) {
        Optional<String> policy = params.get("Policy");
        policy.ifPresent(text -> {
            Validators.policyText("policy", text, maxLength);
            StoredPolicy.parse(text, PolicyKind.SESSION);
        });
        return policy;
    }

    static List<String> policyArns(QueryParameters params) {
        List<String> arns = new ArrayList<>();
        for (Map<String, String> entry : params.structList("PolicyArns")) {
            String arn = entry.get("arn");
            if (arn == null) {
                throw AwsErrors.missingParameter("arn");
            }
            Validators.length("arn", arn, 20, 2048);
            arns.add(arn);
        }
        if (arns.size() > MAX_POLICY_ARNS) {
            throw ValidationErrors.single("policyArns", arns.toString(),
                    ValidationErrors.lengthAtMost(MAX_POLICY_ARNS));
        }
        return arns;
    }

    /** Inline and managed session policies of a request, read together so the combined limit is never skipped. */
    record SessionPolicies(Optional<String> inline, List<String> arns) {}

    static SessionPolicies sessionPolicies(QueryParameters params, int inlineMaxLength) {
        Optional<String> inline = sessionPolicy(params, inlineMaxLength);
        List<String> arns = policyArns(params);
        combinedSessionPolicyLimit(inline, arns);
        return new SessionPolicies(inline, arns);
    }

    /** The combined plaintext of inline and managed session policies may not exceed 2,048 characters. */
    private static void combinedSessionPolicyLimit(Optional<String> inline, List<String> arns) {
        int total = inline.map(String::length).orElse(0) + arns.stream().mapToInt(String::length).sum();
        if (total > 2048) {
            throw StsErrors.packedPolicyTooLarge((int) Math.ceil(total * 100.0 / 2048));
        }
    }

    /** SerialNumber and TokenCode, validated as the model says; both or neither. */
    record MfaRequest(String serialNumber, String tokenCode) {}

    static Optional<MfaRequest> mfa(QueryParameters params) {
        Optional<String> serial = params.get("SerialNumber");
        Optional<String> code = params.get("TokenCode");
        serial.ifPresent(s -> {
            Validators.length("serialNumber", s, 9, 256);
            if (!Validators.allMatch(s, "+=/:,.@-")) {
                throw ValidationErrors.single("serialNumber", s, ValidationErrors.pattern("[\\w+=/:,.@-]*"));
            }
        });
        code.ifPresent(c -> {
            Validators.length("tokenCode", c, 6, 6);
            if (!c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw ValidationErrors.single("tokenCode", c, ValidationErrors.pattern("[\\d]*"));
            }
        });
        if (serial.isPresent() != code.isPresent()) {
            throw AwsErrors.missingParameter(serial.isPresent() ? "TokenCode" : "SerialNumber");
        }
        return serial.map(s -> new MfaRequest(s, code.get()));
    }
}
