package dev.lanyard.iamapi;

import dev.lanyard.authz.PrincipalBindings;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.StoredPolicy;

/**
 * A role's trust policy bound to the unique IDs of the users and roles it names ({@link PrincipalBindings}), with
 * IAM's error for an ARN that names no entity.
 */
final class TrustPrincipals {
    private TrustPrincipals() {
    }

    /** Binds every user and role ARN of {@code trust} to the entity's unique ID, refusing ARNs of no entity. */
    static StoredPolicy bind(StoredPolicy trust, IamSnapshot snapshot) {
        return trust.withPrincipalIds(PrincipalBindings.bind(trust.document(), snapshot,
                IamErrors::invalidTrustPrincipal));
    }

    /** The document text as GetRole shows it: ARNs whose entity is gone or replaced appear as the bound ID. */
    static String displayText(StoredPolicy trust, IamSnapshot snapshot) {
        return PrincipalBindings.displayText(trust.text(), trust.principalIds(), snapshot);
    }
}
