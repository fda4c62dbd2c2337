package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.User;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What SSH public keys, signing certificates and service-specific credentials share: they belong to a user (named, or
 * the caller), have an Active/Inactive status, follow their user when it is renamed, and keep it from being deleted.
 */
final class UserCredentials {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private UserCredentials() {}

    /** An ID of IAM's form: a prefix and random upper-case Base32 characters. */
    static String id(RandomGenerator random, String prefix, int randomCharacters) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < randomCharacters; i++) {
            id.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return id.toString();
    }

    /** The named user, else the calling user; other callers must name one. */
    static String userOrCaller(OperationCall call, Optional<String> named) {
        if (named.isPresent()) {
            return named.get();
        }
        return switch (call.requireCaller()) {
            case Caller.IamUser user -> user.user().name();
            case Caller.Root root -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
            case Caller.RoleSession session -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
            case Caller.FederatedUser federated -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
        };
    }

    /** The ARN a user's credential operations authorize on: the user's, or the shape it would have. */
    static String userArn(Caller caller, AccountView view, String name) {
        return view.user(name).map(u -> u.arn().toString()).orElse(UserOperations.userArn(caller, "/", name));
    }

    /** Status of an Update* call: Active or Inactive; Expired is IAM's to set, not the caller's. */
    static AccessKey.Status status(OperationCall call) {
        String status = call.parameters().required("Status");
        return switch (status) {
            case "Active" -> AccessKey.Status.Active;
            case "Inactive" -> AccessKey.Status.Inactive;
            case "Expired" -> throw IamErrors.invalidInput("The status Expired cannot be set.");
            default -> throw ValidationErrors.single("status", status,
                    "Member must satisfy enum value set: [Active, Inactive, Expired]");
        };
    }

    /** The changes that carry a user's credentials over to its new name. */
    static List<EntityChange> renamed(AccountView view, String oldName, String newName) {
        List<EntityChange> changes = new ArrayList<>();
        view.sshPublicKeys(oldName).forEach(k -> changes.add(EntityChange.upsert(k.withUserName(newName))));
        view.signingCertificates(Optional.of(oldName))
                .forEach(c -> changes.add(EntityChange.upsert(c.withUserName(newName))));
        view.serviceSpecificCredentials().stream().filter(c -> c.userName().equalsIgnoreCase(oldName))
                .forEach(c -> changes.add(EntityChange.upsert(c.withUserName(newName))));
        return changes;
    }

    /** DeleteConflict while the user still has any of these credentials, as IAM refuses to delete such a user. */
    static void requireNone(AccountView view, User user) {
        if (!view.signingCertificates(Optional.of(user.name())).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete signing certificates first.");
        }
        if (!view.sshPublicKeys(user.name()).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete SSH public keys first.");
        }
        if (view.serviceSpecificCredentials().stream().anyMatch(c -> c.userName().equalsIgnoreCase(user.name()))) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete service specific credentials first.");
        }
    }
}
