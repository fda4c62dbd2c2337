package dev.lanyard.policy;

/** The final authorization outcome. */
public enum Outcome {
    ALLOWED("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String simulatorName;

    Outcome(String simulatorName) {
        this.simulatorName = simulatorName;
    }

    /** As the policy simulator's EvalDecision names it. */
    public String simulatorName() {
        return simulatorName;
    }
}
