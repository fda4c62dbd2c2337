package dev.lanyard.policy;

/** The final authorization outcome, as the simulator names them: allowed, explicitDeny, implicitDeny. */
public enum Outcome {
    ALLOWED,
    EXPLICIT_DENY,
    IMPLICIT_DENY
}
