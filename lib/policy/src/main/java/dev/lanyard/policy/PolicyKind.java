package dev.lanyard.policy;

/** Which API a policy document arrives through; the kinds differ in what IAM accepts (iam-policy.md §1). */
public enum PolicyKind {
    /** CreatePolicy / CreatePolicyVersion: requires Version 2012-10-17. */
    MANAGED,
    /** Put{User,Role,Group}Policy and permissions boundaries' documents. */
    INLINE,
    /** A role's AssumeRolePolicyDocument: Principal required, Resource prohibited, only STS assume actions. */
    TRUST,
    /** Session policies passed to STS; validated like {@link #INLINE}. */
    SESSION,
    /** A generic resource-based policy: Principal required. */
    RESOURCE
}
