package dev.lanyard.policy;

/** The policy language version; an absent Version element means {@link #V2008_10_17} semantics. */
public enum PolicyVersion {
    V2008_10_17("2008-10-17"),
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    /** The value as written in the Version element. */
    public String text() {
        return text;
    }

    /** Policy variables are substituted only in 2012-10-17 policies; older ones treat {@code ${...}} literally. */
    public boolean supportsVariables() {
        return this == V2012_10_17;
    }
}
