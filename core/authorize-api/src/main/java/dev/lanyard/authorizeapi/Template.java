package dev.lanyard.authorizeapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource ARN format or a condition key name with placeholders, as the Service Authorization Reference writes them
 * ({@code arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}}, {@code aws:RequestTag/${TagKey}}). A
 * placeholder stands for one or more characters; inside an ARN it stays within its colon-separated field, except
 * the last one, which takes the rest (an object name may hold colons).
 */
record Template(String text, Pattern pattern) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9]+}");

    static Template arn(String text) {
        return of(text, "[^:]+", 0);
    }

    static Template key(String text) {
        return of(text, ".+", Pattern.CASE_INSENSITIVE);
    }

    private static Template of(String text, String placeholder, int flags) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int at = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(text.substring(at, matcher.start())));
            regex.append(matcher.end() == text.length() ? ".+" : placeholder);
            at = matcher.end();
        }
        if (PLACEHOLDER.matcher(text).replaceAll("").contains("${")) {
            throw new IllegalArgumentException("malformed placeholder in '" + text + "': write ${Name}");
        }
        regex.append(Pattern.quote(text.substring(at)));
        return new Template(text, Pattern.compile(regex.toString(), flags));
    }

    boolean matches(String value) {
        return pattern.matcher(value).matches();
    }
}
