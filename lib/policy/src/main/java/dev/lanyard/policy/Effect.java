package dev.lanyard.policy;

/** The Effect element of a statement. */
public enum Effect {
    ALLOW,
    DENY
}
