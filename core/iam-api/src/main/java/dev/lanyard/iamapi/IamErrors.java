package dev.lanyard.iamapi;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/**
 * IAM's error sentences, in one place, as AWS answered (recorded answers; docs/compatibility.md lists those chosen
 * where AWS's wording is not known). A policy that is missing reads differently by operation: "does not exist or is
 * not attachable" where it would be attached or listed against, "was not found" where it is read, changed or
 * deleted, and "version V does not exist or is not attachable" where a version is named.
 */
final class IamErrors {
    private IamErrors() {}

    static AwsException noSuchUser(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
    }

    static AwsException noSuchGroup(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The group with name " + name + " cannot be found.");
    }

    static AwsException noSuchRole(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The role with name " + name + " cannot be found.");
    }

    static AwsException noSuchPolicy(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " does not exist or is not attachable.");
    }

    static AwsException policyNotFound(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " was not found.");
    }

    static AwsException noSuchPolicyVersion(String arn, String versionId) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " version " + versionId
                + " does not exist or is not attachable.");
    }

    /** A PolicyArn that is no policy ARN at all. */
    static AwsException invalidPolicyArn(String arn) {
        return AwsErrors.validation("ARN " + arn + " is not valid.");
    }

    /** The same sentence for a permissions boundary, with another code (as AWS answers). */
    static AwsException invalidBoundaryArn(String arn) {
        return new AwsException(ErrorCode.INVALID_INPUT, "ARN " + arn + " is not valid.");
    }

    static AwsException noSuchMfaDevice(String serial) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "MFA Device with serial number " + serial
                + " does not exist.");
    }

    static AwsException noSuchInlinePolicy(String kind, String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "The " + kind + " policy with name " + name + " cannot be found.");
    }

    static AwsException alreadyExists(String what) {
        return new AwsException(ErrorCode.ENTITY_ALREADY_EXISTS, what + " already exists.");
    }

    static AwsException deleteConflict(String message) {
        return new AwsException(ErrorCode.DELETE_CONFLICT, message);
    }

    static AwsException limitExceeded(String message) {
        return new AwsException(ErrorCode.LIMIT_EXCEEDED, message);
    }

    static AwsException invalidInput(String message) {
        return new AwsException(ErrorCode.INVALID_INPUT, message);
    }

    static AwsException noSuchAccessKey(String id) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The Access Key with id " + id + " cannot be found.");
    }

    /** A key of another account, or none at all: AWS does not tell which. */
    static AwsException accessKeyLastUsedDenied(String callerArn, String id) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "User: " + callerArn
                + " is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key " + id);
    }

    static AwsException noSuchLoginProfile(String userName) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Login Profile for User " + userName + " cannot be found.");
    }

    static AwsException onlyUsersChangePasswords() {
        return new AwsException(ErrorCode.INVALID_USER_TYPE,
                "Only IAM users can change their password with ChangePassword.");
    }

    static AwsException oldPasswordIncorrect() {
        return new AwsException(ErrorCode.ACCESS_DENIED, "The old password is incorrect.");
    }

    static AwsException passwordPolicyViolation() {
        return new AwsException(ErrorCode.PASSWORD_POLICY_VIOLATION,
                "Password does not conform to the account password policy.");
    }

    static AwsException passwordChangedMeanwhile(String userName) {
        return new AwsException(ErrorCode.ENTITY_TEMPORARILY_UNMODIFIABLE, "The password of user " + userName
                + " changed while this request ran; try again.");
    }

    /** GetAccountPasswordPolicy words the missing policy by the account... */
    static AwsException noSuchPasswordPolicy(String account) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "The Password Policy with domain name " + account + " cannot be found.");
    }

    /** ...and DeleteAccountPasswordPolicy by its name. */
    static AwsException noSuchAccountPasswordPolicy() {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "The account policy with name PasswordPolicy cannot be found.");
    }

    /** @param owner "user NAME" or "any user" */
    static AwsException mfaDeviceNotAssociated(String serial, String owner) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "MFA Device with serial number " + serial
                + " is not associated with " + owner + ".");
    }

    static AwsException invalidAuthenticationCode(String operatorDetail) {
        return new AwsException(ErrorCode.INVALID_AUTHENTICATION_CODE,
                "Authentication code for device is not valid.", operatorDetail);
    }

    static AwsException noSuchInstanceProfile(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Instance Profile " + name + " cannot be found.");
    }

    static AwsException noSuchRoleInInstanceProfile(String roleName, String profileName) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Role " + roleName + " in Instance Profile " + profileName
                + " cannot be found.");
    }

    static AwsException noSuchOidcProvider(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "OpenIDConnect Provider not found for arn " + arn);
    }

    /** The tagging operations word a missing provider in their own way. */
    static AwsException noSuchOidcProviderToTag(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "OpenId connect Provider " + arn + " cannot be found.");
    }

    static AwsException noSuchSamlProvider(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Manifest not found for arn " + arn);
    }

    static AwsException noSuchSamlPrivateKey(String keyId) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Private key " + keyId + " not found.");
    }

    static AwsException invalidTrustPrincipal(String value) {
        return new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT,
                "Invalid principal in policy: \"AWS\":\"" + value + "\"");
    }

    static AwsException noSuchSigningCertificate(String id) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The Certificate with id " + id + " cannot be found.");
    }

    static AwsException duplicateCertificate() {
        return new AwsException(ErrorCode.DUPLICATE_CERTIFICATE,
                "The same certificate is already associated with an IAM user in this account.");
    }

    static AwsException certificateNotValidNow() {
        return new AwsException(ErrorCode.INVALID_CERTIFICATE, "The certificate is not valid at this time.");
    }

    static AwsException malformedCertificate(String message) {
        return new AwsException(ErrorCode.MALFORMED_CERTIFICATE, message);
    }

    static AwsException keyPairMismatch() {
        return new AwsException(ErrorCode.KEY_PAIR_MISMATCH,
                "The public key certificate and the private key do not match.");
    }

    static AwsException noSuchServerCertificate(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "The Server Certificate with name " + name + " cannot be found.");
    }

    static AwsException noSuchSshPublicKey(String id) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The Public Key with id " + id + " cannot be found.");
    }

    static AwsException duplicateSshPublicKey() {
        return new AwsException(ErrorCode.DUPLICATE_SSH_PUBLIC_KEY,
                "The SSH public key is already associated with the specified IAM user.");
    }

    static AwsException unrecognizedPublicKeyEncoding() {
        return new AwsException(ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING,
                "The public key encoding format is unsupported or unrecognized.");
    }

    static AwsException invalidPublicKey(String message) {
        return new AwsException(ErrorCode.INVALID_PUBLIC_KEY, message);
    }

    static AwsException notSupportedService(String serviceName) {
        return new AwsException(ErrorCode.NOT_SUPPORTED_SERVICE,
                "No such service " + serviceName + " is supported for Service-Specific Credentials");
    }

    static AwsException noSuchServiceSpecificCredential(String id, String userName) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "No such credential " + id + " exists for user " + userName + ".");
    }

    static AwsException noSuchDelegationRequest() {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The delegation request cannot be found.");
    }

    static AwsException noSuchDeletionTask(String taskId) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Deletion task " + taskId + " cannot be found.");
    }

    static AwsException outboundFederationAlreadyEnabled() {
        return new AwsException(ErrorCode.FEATURE_ENABLED,
                "Outbound web identity federation is already enabled for this account.");
    }

    static AwsException outboundFederationNotEnabled() {
        return new AwsException(ErrorCode.FEATURE_DISABLED,
                "Outbound web identity federation is not enabled for this account.");
    }

    /** A change to another account's policy, in the sentence AWS gives for that operation. */
    static AwsException foreignPolicyRefused(String sentence) {
        return new AwsException(ErrorCode.ACCESS_DENIED, sentence);
    }

    static AwsException foreignPolicyNotAllowed(String callerArn, String action, Arn policy) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "User: " + callerArn + " is not authorized to perform: "
                + action + " on resource: policy " + policy + " because no resource-based policy allows the " + action
                + " action");
    }

    static AwsException organizationNotFound() {
        return new AwsException(ErrorCode.ORGANIZATION_NOT_FOUND,
                "The request was rejected because no organization is associated with your account.");
    }

    /** Enabling centralized root access... */
    static AwsException callerIsNotManagementAccount() {
        return new AwsException(ErrorCode.CALLER_IS_NOT_MANAGEMENT_ACCOUNT, "The request was rejected because the"
                + " account making the request is not the management account for the organization.");
    }

    /** ...and reading or disabling it. */
    static AwsException notManagementOrDelegatedAdministrator() {
        return new AwsException(ErrorCode.ACCOUNT_NOT_MANAGEMENT_OR_DELEGATED_ADMINISTRATOR, "The request was"
                + " rejected because the account making the request is not the management account or delegated"
                + " administrator account for centralized root access.");
    }

    static AwsException noSuchAccountAlias(String alias) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The account alias " + alias + " cannot be found.");
    }

    /** A permissions boundary that names no attachable policy. */
    static AwsException noSuchBoundaryPolicy(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "Scope ARN: " + arn + " does not exist or is not attachable.");
    }

    static AwsException policyNameTaken(String name) {
        return new AwsException(ErrorCode.ENTITY_ALREADY_EXISTS,
                "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }

    static AwsException protectedRole(String roleName) {
        return new AwsException(ErrorCode.UNMODIFIABLE_ENTITY, "Cannot perform the operation on the protected role '"
                + roleName + "' - this role is only modifiable by AWS");
    }

    static AwsException serviceLinkedRoleSessionDuration(String roleName) {
        return new AwsException(ErrorCode.UNMODIFIABLE_ENTITY,
                roleName + " is an AWS service linked role, max session duration cannot be changed.");
    }

    /** @param type "user", "group", "role" or "policy", as the access advisor names its target */
    static AwsException noSuchNamedEntity(String type, String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The " + type + " with name " + name + " cannot be found.");
    }

    static AwsException noSuchJob(String jobId) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The job with ID " + jobId + " cannot be found.");
    }

    static AwsException noSuchServiceControlPolicy(String policyId) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "The service control policy " + policyId + " cannot be found.");
    }

    /** The Organizations access report's refusal (AccessDenied, unlike centralized root access's own code). */
    static AwsException notManagementAccount() {
        return new AwsException(ErrorCode.ACCESS_DENIED, "The request was rejected because the account making the"
                + " request is not the management account for the organization.");
    }

    static AwsException credentialReportNotPresent() {
        return new AwsException(ErrorCode.REPORT_NOT_PRESENT,
                "No credential report exists for this account. Call GenerateCredentialReport to generate one.");
    }

    static AwsException credentialReportExpired() {
        return new AwsException(ErrorCode.REPORT_EXPIRED,
                "The credential report has expired. Call GenerateCredentialReport to generate a new one.");
    }

    static AwsException reportGenerationLimitExceeded() {
        return new AwsException(ErrorCode.REPORT_GENERATION_LIMIT_EXCEEDED,
                "The request failed because the maximum number of concurrent requests for this account are already"
                        + " running.");
    }
}
