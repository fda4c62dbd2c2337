package dev.lanyard.iamapi.organizations;

import java.util.Optional;

/** The Organizations operations Lanyard serves, by wire name (the part of {@code X-Amz-Target} after the prefix). */
public enum OrganizationsOperation {
    CreateAccount,
    DescribeCreateAccountStatus,
    ListCreateAccountStatus,
    DescribeAccount,
    ListAccounts,
    DescribeOrganization,
    CloseAccount,
    TagResource,
    UntagResource,
    ListTagsForResource;

    public static Optional<OrganizationsOperation> of(String name) {
        for (OrganizationsOperation operation : values()) {
            if (operation.name().equals(name)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
