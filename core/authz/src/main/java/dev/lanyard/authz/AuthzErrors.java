package dev.lanyard.authz;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.util.Optional;

/** The sentences of access control: AccessDenied as AWS words it, and the decoder of its encoded messages. */
final class AuthzErrors {
    private AuthzErrors() {}

    /**
     * @param reason what follows the resource (" because no identity-based policy allows ..."), or ""
     * @param encoded the encoded authorization failure message (sts:DecodeAuthorizationMessage)
     */
    static AwsException notAuthorized(String callerArn, String action, Optional<String> resource, String reason,
            String encoded, String operatorDetail) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "User: " + callerArn + " is not authorized to perform: "
                + action + resource.map(r -> " on resource: " + r).orElse("") + reason
                + " Encoded authorization failure message: " + encoded, operatorDetail);
    }

    static AwsException invalidAuthorizationMessage(String operatorDetail) {
        return new AwsException(ErrorCode.INVALID_AUTHORIZATION_MESSAGE,
                "The encoded authorization message is invalid.", operatorDetail);
    }
}
