package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API call in CloudTrail's record shape (eventVersion 1.08): who called, what, from where, with which parameters
 * and answer, and how it ended. Built only from values that carry no secret: {@link Elements} hold the request
 * parameters and response elements with every secret member left out, and {@code lanyardDetail} is the operator-only
 * reason of a refusal (for AccessDenied, the statements that decided).
 */
public record AuditEvent(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
        String sourceIpAddress, Optional<String> userAgent, UserIdentity userIdentity,
        Optional<Elements> requestParameters, Optional<Elements> responseElements, Optional<String> errorCode,
        Optional<String> errorMessage, String requestId, boolean readOnly, List<Resource> resources,
        Optional<String> recipientAccountId, Optional<String> sharedEventId, Optional<TlsDetails> tlsDetails,
        Category eventCategory, Optional<String> lanyardDetail) {
    public static final String EVENT_VERSION = "1.08";
    public static final String EVENT_TYPE = "AwsApiCall";

    public AuditEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(eventSource, "eventSource is null");
        requireNonNull(eventName, "eventName is null");
        requireNonNull(awsRegion, "awsRegion is null");
        requireNonNull(sourceIpAddress, "sourceIpAddress is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(userIdentity, "userIdentity is null");
        requireNonNull(requestParameters, "requestParameters is null");
        requireNonNull(responseElements, "responseElements is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(requestId, "requestId is null");
        resources = List.copyOf(resources);
        requireNonNull(recipientAccountId, "recipientAccountId is null");
        requireNonNull(sharedEventId, "sharedEventId is null");
        requireNonNull(tlsDetails, "tlsDetails is null");
        requireNonNull(eventCategory, "eventCategory is null");
        requireNonNull(lanyardDetail, "lanyardDetail is null");
    }

    /** The same call as delivered to another account: its own event ID and recipient, the shared event ID. */
    public AuditEvent forAccount(String eventId, String recipientAccountId, UserIdentity identity,
            String sharedEventId) {
        return new AuditEvent(eventId, eventTime, eventSource, eventName, awsRegion, sourceIpAddress, userAgent,
                identity, requestParameters, responseElements, errorCode, errorMessage, requestId, readOnly, resources,
                Optional.of(recipientAccountId), Optional.of(sharedEventId), tlsDetails, eventCategory,
                lanyardDetail);
    }

    public AuditEvent withShared(String sharedEventId) {
        return new AuditEvent(eventId, eventTime, eventSource, eventName, awsRegion, sourceIpAddress, userAgent,
                userIdentity, requestParameters, responseElements, errorCode, errorMessage, requestId, readOnly,
                resources, recipientAccountId, Optional.of(sharedEventId), tlsDetails, eventCategory, lanyardDetail);
    }

    /** CloudTrail's {@code eventCategory}: management events for the APIs, data events for S3 objects. */
    public enum Category {
        MANAGEMENT("Management"), DATA("Data");

        private final String wireName;

        Category(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** CloudTrail's {@code userIdentity.type} values Lanyard produces. */
    public enum IdentityType {
        ROOT("Root"), IAM_USER("IAMUser"), ASSUMED_ROLE("AssumedRole"), FEDERATED_USER("FederatedUser"),
        AWS_ACCOUNT("AWSAccount"), WEB_IDENTITY_USER("WebIdentityUser"), SAML_USER("SAMLUser"), ROLE("Role"),
        UNKNOWN("Unknown");

        private final String wireName;

        IdentityType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** {@code userIdentity}: absent fields are left out of the record, as CloudTrail does. */
    public record UserIdentity(IdentityType type, Optional<String> principalId, Optional<String> arn,
            Optional<String> accountId, Optional<String> accessKeyId, Optional<String> userName,
            Optional<String> identityProvider, Optional<SessionContext> sessionContext) {
        public UserIdentity {
            requireNonNull(type, "type is null");
            requireNonNull(principalId, "principalId is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(userName, "userName is null");
            requireNonNull(identityProvider, "identityProvider is null");
            requireNonNull(sessionContext, "sessionContext is null");
        }

        /** A caller nothing is known of (an unsigned or unauthenticated request). */
        public static UserIdentity unknown(Optional<String> accessKeyId) {
            return new UserIdentity(IdentityType.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(),
                    accessKeyId, Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** An identity provider's user (AssumeRoleWithWebIdentity, AssumeRoleWithSAML). */
        public static UserIdentity federated(IdentityType type, Optional<String> principalId,
                Optional<String> userName, Optional<String> identityProvider) {
            return new UserIdentity(type, principalId, Optional.empty(), Optional.empty(), Optional.empty(), userName,
                    identityProvider, Optional.empty());
        }
    }

    /** {@code sessionContext}: the session's attributes, who issued it, and its federation and source identity. */
    public record SessionContext(Optional<SessionIssuer> sessionIssuer,
            Optional<WebIdFederationData> webIdFederationData, Instant creationDate, boolean mfaAuthenticated,
            Optional<String> sourceIdentity) {
        public SessionContext {
            requireNonNull(sessionIssuer, "sessionIssuer is null");
            requireNonNull(webIdFederationData, "webIdFederationData is null");
            requireNonNull(creationDate, "creationDate is null");
            requireNonNull(sourceIdentity, "sourceIdentity is null");
        }
    }

    public record SessionIssuer(IdentityType type, String principalId, String arn, String accountId,
            Optional<String> userName) {
        public SessionIssuer {
            requireNonNull(type, "type is null");
            requireNonNull(principalId, "principalId is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(userName, "userName is null");
        }
    }

    /** The provider (its ARN) and the claims a web identity or SAML session was made from. */
    public record WebIdFederationData(Optional<String> federatedProvider, Map<String, String> attributes) {
        public WebIdFederationData {
            requireNonNull(federatedProvider, "federatedProvider is null");
            attributes = Map.copyOf(attributes);
        }
    }

    /** An entry of {@code resources}: {@code ARN}, {@code accountId}, {@code type} (AWS::IAM::Role...). */
    public record Resource(String arn, String accountId, String type) {
        public Resource {
            requireNonNull(arn, "arn is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * {@code tlsDetails} of a request that came over TLS: the version and cipher suite the client's own connection
     * negotiated (absent behind a proxy that ended TLS), the cipher in CloudTrail's spelling.
     */
    public record TlsDetails(Optional<String> tlsVersion, Optional<String> cipherSuite,
            Optional<String> clientProvidedHostHeader) {
        public TlsDetails {
            requireNonNull(tlsVersion, "tlsVersion is null");
            requireNonNull(cipherSuite, "cipherSuite is null");
            requireNonNull(clientProvidedHostHeader, "clientProvidedHostHeader is null");
        }

        /** From the connection's session as the JDK names it, with the request's {@code Host} header. */
        public static TlsDetails of(Optional<NegotiatedTls> negotiated, Optional<String> clientProvidedHostHeader) {
            return new TlsDetails(negotiated.map(NegotiatedTls::protocol),
                    negotiated.map(tls -> CloudTrailCipherSuites.of(tls.cipherSuite())), clientProvidedHostHeader);
        }
    }

    /**
     * A JSON object (request parameters or response elements) as text. Only the pipeline's secret-excluding builders
     * make these from requests and answers; the text is written into the record as it is.
     */
    public record Elements(String json) {
        public Elements {
            requireNonNull(json, "json is null");
            if (!json.startsWith("{") || !json.endsWith("}")) {
                throw new IllegalArgumentException("elements must be a JSON object");
            }
        }
    }
}
