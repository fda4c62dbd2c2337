/**
 * The IAM policy engine: {@link dev.lanyard.policy.PolicyParser} validates documents exactly as IAM does (AWS's
 * MalformedPolicyDocument messages), {@link dev.lanyard.policy.PolicyEvaluator} evaluates policy sets and
 * resource/trust policies, and {@link dev.lanyard.policy.Authorizer} combines identity, boundary, session and
 * resource policies into the final decision. Pure: no I/O, no clock, no shared mutable state. Semantics follow
 * {@code shared/reference/iam-policy.md}; where AWS's documents contradict each other the choice is commented at
 * the code ({@code ConditionClause}, {@code StringValues}, {@code Authorizer}, {@code ResourcePattern}) and listed
 * in {@code docs/adr/0006-policy-semantics-where-aws-docs-disagree.md}, each with the corpus case that pins it.
 */
package dev.lanyard.policy;
