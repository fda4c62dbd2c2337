package dev.lanyard.policy.internal;

import dev.lanyard.policy.ContextKeys;
import java.util.List;

/** ArnEquals/ArnLike values (the two operators behave identically). */
final class ArnValues implements ValueSet {
    private final ArnMatcher[] matchers;

    private ArnValues(ArnMatcher[] matchers) {
        this.matchers = matchers;
    }

    static ValueSet compile(List<String> values, boolean variables) {
        ArnMatcher[] matchers = new ArnMatcher[values.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = ArnMatcher.compile(values.get(i), variables);
        }
        return new ArnValues(matchers);
    }

    @Override
    public boolean anyMatch(String requestValue, ContextKeys keys) {
        int[] ends = new int[ArnFields.FIELDS];
        for (ArnMatcher matcher : matchers) {
            if (matcher.matches(requestValue, ends, keys)) {
                return true;
            }
        }
        return false;
    }
}
