package dev.lanyard.authorizeapi;

import dev.lanyard.authz.ServiceAuthorization.ConditionKeyType;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.util.List;

/**
 * The authorization API's own sentences (Lanyard's wording: AWS has no such API), in AWS's error codes. The common
 * ones (a missing signature, a scope for another region or service) are {@link dev.lanyard.aws.AwsErrors}'.
 */
final class AuthorizeErrors {
    private AuthorizeErrors() {}

    static AwsException notFound(String path, String rawPath) {
        return new AwsException(ErrorCode.NOT_FOUND, "The authorization API is served at '" + path
                + "'; there is nothing at '" + rawPath + "'.");
    }

    static AwsException postOnly() {
        return new AwsException(ErrorCode.METHOD_NOT_ALLOWED, "The authorization API takes POST only.");
    }

    static AwsException actionNotQualified(String action) {
        return AwsErrors.validation("Action '" + action + "' is not of the form service:Action.");
    }

    static AwsException undeclaredService(String prefix) {
        return new AwsException(ErrorCode.INVALID_ACTION,
                "The service '" + prefix + "' is not declared in this Lanyard's service catalogue.");
    }

    static AwsException undeclaredAction(String action, String prefix, List<String> declared) {
        return new AwsException(ErrorCode.INVALID_ACTION, "The action '" + action + "' is not declared in this"
                + " Lanyard's service catalogue; " + prefix + " declares " + declared + ".");
    }

    static AwsException actsOnNoResource(String action) {
        return AwsErrors.validation(action + " acts on no resource type: its Resource is \"*\".");
    }

    static AwsException notAResourceOf(String resource, String action, List<String> types) {
        return AwsErrors.validation("Resource '" + resource + "' is not an ARN of a resource type of " + action
                + " (" + types + ").");
    }

    static AwsException policyTooLarge() {
        return new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT,
                "Policy exceeds the maximum allowed document size.");
    }

    static AwsException undeclaredConditionKey(String key, String action, List<String> declared) {
        return AwsErrors.validation("Condition key '" + key + "' is not declared for " + action + " (it declares "
                + declared + ").");
    }

    static AwsException wrongValueCount(String key, ConditionKeyType type) {
        return AwsErrors.validation("Condition key '" + key + "' is of type " + type + ": give "
                + (type.multivalued() ? "one or more values." : "exactly one value."));
    }

    static AwsException notAValueOf(String key, ConditionKeyType type, String value) {
        return AwsErrors.validation("Condition key '" + key + "' is of type " + type + "; '" + value
                + "' is not such a value.");
    }

    // nginx's auth_request

    static AwsException untrustedProxy(String remoteAddress, String prefix) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "Requests from " + remoteAddress
                + " are not trusted to report requests to " + prefix + " (TrustedProxies).");
    }

    static AwsException bodyThroughNginx() {
        return new AwsException(ErrorCode.ACCESS_DENIED, "A request with a body cannot be authorized by nginx's"
                + " auth_request, which does not pass bodies on; the service asks the authorization API with the body's"
                + " hash.");
    }

    static AwsException noRoute(String prefix, String method, String rawPath) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "No route of " + prefix + " matches " + method + " "
                + rawPath + ".");
    }

    static AwsException nginxHeaderMalformed(String header) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "nginx passed " + header + " without its '/'"
                + " (see deploy/nginx-auth-request.conf).");
    }

    static AwsException nginxHeaderMissing(String header) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "nginx did not pass " + header
                + " (see deploy/nginx-auth-request.conf).");
    }

    /** The Query APIs' limits, refused in the JSON protocol's words: ThrottlingException (429). */
    static AwsException throttled(String operatorDetail) {
        return new AwsException(ErrorCode.THROTTLING_EXCEPTION, "Rate exceeded", operatorDetail);
    }
}
