package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method and path of a service mapped to one of its actions and a resource, for front ends that see only the HTTP
 * request (nginx's auth_request): {@code GET /orders/{OrderId}} → {@code GetOrder} on
 * {@code arn:aws:orders:${Region}:${Account}:order/{OrderId}}. A {@code {Name}} is one path segment, {@code {Name+}}
 * the rest of the path; the resource takes them as received, {@code ${Region}} from the signature's scope and
 * {@code ${Account}} as the service's owner.
 */
record Route(String method, String path, String action, String resource, Pattern pattern, List<String> variables) {
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\{([A-Za-z0-9]+)(\\+?)}");

    Route {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(pattern, "pattern is null");
        variables = List.copyOf(variables);
    }

    /** @throws IllegalArgumentException when the route cannot mean anything */
    static Route of(String where, String method, String path, String action, String resource) {
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException(where + ".Method: '" + method + "' is not an HTTP method");
        }
        if (!path.startsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException(where + ".Path: '" + path + "' must start with '/' and hold no query");
        }
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(path);
        int at = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(path.substring(at, matcher.start())));
            boolean greedy = !matcher.group(2).isEmpty();
            if (greedy && matcher.end() != path.length()) {
                throw new IllegalArgumentException(where + ".Path: {" + matcher.group(1) + "+} must end the path");
            }
            regex.append(greedy ? "(.+)" : "([^/]+)");
            variables.add(matcher.group(1));
            at = matcher.end();
        }
        regex.append(Pattern.quote(path.substring(at)));
        Matcher used = VARIABLE.matcher(resource);
        while (used.find()) {
            if (!variables.contains(used.group(1))) {
                throw new IllegalArgumentException(where + ".Resource: {" + used.group(1) + "} is not in the path");
            }
        }
        return new Route(method, path, action, resource, Pattern.compile(regex.toString()), variables);
    }

    /**
     * The resource this route names for a request of {@code method} on {@code rawPath}, if it is this route's;
     * {@code ${Partition}} is the served partition.
     */
    Optional<String> resourceOf(String requestMethod, String rawPath, Partition partition, String region,
            String account) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(rawPath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), matcher.group(i + 1));
        }
        String named = resource.replace("${Partition}", partition.name()).replace("${Region}", region)
                .replace("${Account}", account);
        Matcher used = VARIABLE.matcher(named);
        StringBuilder out = new StringBuilder();
        while (used.find()) {
            used.appendReplacement(out, Matcher.quoteReplacement(values.get(used.group(1))));
        }
        used.appendTail(out);
        return Optional.of(out.toString());
    }
}
