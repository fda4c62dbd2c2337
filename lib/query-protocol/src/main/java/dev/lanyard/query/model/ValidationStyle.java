package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How a service words its constraint failures. STS repeats the value ({@code Value 'x' at 'roleSessionName'}); IAM
 * does not ({@code Value at 'tags.1.member.key'}) and names no enum values. Some patterns a service checks in its own
 * code, after the model's constraints, with a sentence of its own: those map from the pattern's text to the sentence,
 * where {@code {member}} stands for the member's name.
 */
public record ValidationStyle(boolean echoValues, boolean listEnumValues, Map<String, String> ownPatternSentences) {
    public ValidationStyle {
        ownPatternSentences = Map.copyOf(requireNonNull(ownPatternSentences, "ownPatternSentences is null"));
    }
}
