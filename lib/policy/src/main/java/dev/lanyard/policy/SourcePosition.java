package dev.lanyard.policy;

/** A 1-based line and column in the policy source text (the simulator's StartPosition/EndPosition). */
public record SourcePosition(int line, int column) {
    public SourcePosition {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("position must not be negative: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
