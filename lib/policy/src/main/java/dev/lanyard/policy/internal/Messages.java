package dev.lanyard.policy.internal;

/** AWS's MalformedPolicyDocument messages, byte for byte (note the missing period after "legacy parsing"). */
final class Messages {
    static final String SYNTAX = "Syntax errors in policy.";
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String VERSION = "Policy document must be version 2012-10-17 or greater.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String SID_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";
    static final String NEEDS_ACTIONS = "Policy statement must contain actions.";
    static final String NEEDS_RESOURCES = "Policy statement must contain resources.";
    static final String NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String ONE_COLON = "Actions/Condition can contain only one colon.";
    static final String NO_PRINCIPAL_ALLOWED = "Policy document should not specify a principal.";
    static final String TRUST_ACTIONS = "AssumeRole policy may only specify STS AssumeRole actions.";
    static final String PROHIBITED = "Has prohibited field ";
    /** Not in the recorded corpus; the wording AWS returns for CreateRole without Principal. */
    static final String MISSING_PRINCIPAL = "Missing required field Principal";
    static final String RESOURCE_VENDOR = "Resource vendor must be fully qualified and cannot contain regexes.";
    static final String IAM_PATH = "IAM resource path must either be \"*\", root, or start with user/, "
            + "federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, "
            + "saml-provider/, oidc-provider/, report/, access-report/.";

    private Messages() {
    }

    static String vendor(String vendor) {
        return "Vendor " + vendor + " is not valid";
    }

    static String notArn(String resource) {
        return "Resource " + resource + " must be in ARN format or \"*\".";
    }

    static String partition(String partition, String rebuilt) {
        return "Partition \"" + partition + "\" is not valid for resource \"" + rebuilt + "\".";
    }

    static String iamRegion(String resource) {
        return "IAM resource " + resource + " cannot contain region information.";
    }

    static String s3Region(String resource) {
        return "Resource " + resource + " can not contain region information.";
    }

    static String invalidPrincipal(String kind, String value) {
        return "Invalid principal in policy: \"" + kind + "\":\"" + value + "\"";
    }
}
