package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.SessionPolicies;
import java.util.List;
import java.util.Optional;

/**
 * What a policy simulation evaluates: a stored user, group or role with the policies the read model holds for it, or
 * documents supplied as they are. A simulation has no caller (only the request authenticator makes a {@link Caller});
 * the {@link PolicyGatherer} gathers a subject's policies as it gathers a caller's.
 */
public sealed interface SimulationSubject {
    /** The user, group or role a simulation names by ARN ({@code SimulatePrincipalPolicy}'s PolicySourceArn). */
    static SimulationSubject stored(IamEntity principal) {
        return switch (principal) {
            case User user -> new StoredUser(user);
            case Group group -> new StoredGroup(group);
            case Role role -> new StoredRole(role);
            default -> throw new IllegalArgumentException("not a user, group or role: " + principal);
        };
    }

    /** A user's own policies and its groups', and its boundary. */
    record StoredUser(User user) implements SimulationSubject {
        public StoredUser {
            requireNonNull(user, "user is null");
        }
    }

    /** A group's policies; groups have no boundary. */
    record StoredGroup(Group group) implements SimulationSubject {
        public StoredGroup {
            requireNonNull(group, "group is null");
        }
    }

    /** A role's policies and its boundary, as its sessions get them. */
    record StoredRole(Role role) implements SimulationSubject {
        public StoredRole {
            requireNonNull(role, "role is null");
        }
    }

    /** Documents given with the simulation ({@code SimulateCustomPolicy}, {@code lanyard policy simulate}). */
    record Custom(List<LabeledPolicy> identity, Optional<LabeledPolicy> boundary, SessionPolicies session)
            implements SimulationSubject {
        public Custom {
            identity = List.copyOf(identity);
            requireNonNull(boundary, "boundary is null");
            requireNonNull(session, "session is null");
        }
    }
}
