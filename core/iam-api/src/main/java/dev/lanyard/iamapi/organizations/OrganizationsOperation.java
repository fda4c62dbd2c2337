package dev.lanyard.iamapi.organizations;

/** The Organizations operations Lanyard serves, by wire name (the part of {@code X-Amz-Target} after the prefix). */
public enum OrganizationsOperation {
    CreateAccount,
    DescribeCreateAccountStatus,
    ListCreateAccountStatus,
    DescribeAccount,
    ListAccounts,
    DescribeOrganization,
    ListRoots,
    CloseAccount,
    TagResource,
    UntagResource,
    ListTagsForResource
}
