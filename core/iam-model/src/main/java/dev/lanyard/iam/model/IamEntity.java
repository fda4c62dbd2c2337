package dev.lanyard.iam.model;

/** Everything the store persists: each entity has one key, and a change set upserts or removes entities by key. */
public sealed interface IamEntity
        permits Account, Organization, CreateAccountStatus, User, Group, Role, ManagedPolicy, AccessKey, MfaDevice, AccountAlias, OidcProvider, SamlProvider,
        OutboundFederation, OutboundSigningKeys,
        InstanceProfile,
        LoginProfile,
        PasswordPolicy,
        ServiceLinkedRoleDeletion,
        SshPublicKey, SigningCertificate, ServerCertificate, ServiceSpecificCredential, DelegationRequest, StsPreferences,
        OrganizationsFeatures {
    EntityKey key();
}
