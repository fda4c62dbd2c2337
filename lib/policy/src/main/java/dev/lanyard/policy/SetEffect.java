package dev.lanyard.policy;

/** The combined effect of a set of policies for one request. */
public enum SetEffect {
    ALLOW,
    DENY,
    NOT_APPLICABLE
}
