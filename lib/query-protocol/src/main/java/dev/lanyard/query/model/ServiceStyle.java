package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How a service words what its model leaves open.
 *
 * <ul>
 *   <li>Constraint failures: STS repeats the value ({@code Value 'x' at 'roleSessionName'}); IAM does not
 *       ({@code Value at 'tags.1.member.key'}) and names no enum values ({@link #echoValues}, {@link #listEnumValues}).
 *   <li>Some patterns a service checks in its own code, after the model's constraints, in a sentence of its own: they
 *       map from the pattern's text to the sentence, where {@code {member}} stands for the member's name.
 *   <li>Timestamps: IAM writes whole seconds ({@code 2019-11-01T20:26:47Z}); STS keeps milliseconds.
 * </ul>
 */
public record ServiceStyle(boolean echoValues, boolean listEnumValues, Map<String, String> ownPatternSentences,
        boolean wholeSecondTimestamps) {
    public ServiceStyle {
        ownPatternSentences = Map.copyOf(requireNonNull(ownPatternSentences, "ownPatternSentences is null"));
    }
}
