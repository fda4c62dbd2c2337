package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.util.Set;
import java.util.TreeSet;

/** The centralized root access features an organization's management account enabled in IAM. */
public record OrganizationsFeatures(String organizationId, AccountId managementAccount, Set<Feature> enabled)
        implements IamEntity {
    /** Wire names of IAM's FeatureType. */
    public enum Feature { RootCredentialsManagement, RootSessions }

    public OrganizationsFeatures {
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(managementAccount, "managementAccount is null");
        enabled = Set.copyOf(enabled);
    }

    public OrganizationsFeatures with(Feature feature, boolean on) {
        Set<Feature> next = new TreeSet<>(enabled);
        if (on) {
            next.add(feature);
        } else {
            next.remove(feature);
        }
        return new OrganizationsFeatures(organizationId, managementAccount, next);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ORGANIZATIONS_FEATURES, managementAccount.value(), organizationId);
    }
}
