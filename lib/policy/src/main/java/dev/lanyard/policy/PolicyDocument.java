package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A parsed, validated policy: its statements in document order and the exact source text. */
public record PolicyDocument(PolicyVersion version, Optional<String> id, List<Statement> statements, String source) {
    public PolicyDocument {
        requireNonNull(version, "version is null");
        requireNonNull(id, "id is null");
        statements = List.copyOf(statements);
        requireNonNull(source, "source is null");
    }

    /** Every value of an AWS principal entry (Principal and NotPrincipal), in document order, without duplicates. */
    public Set<String> awsPrincipalValues() {
        Set<String> values = new LinkedHashSet<>();
        for (Statement statement : statements) {
            statement.principal().ifPresent(p -> p.entries().stream()
                    .filter(e -> e.kind() == PrincipalKind.AWS)
                    .forEach(e -> values.add(e.value())));
        }
        return values;
    }

    /** The document with AWS principal ARNs replaced by unique IDs; the source text is unchanged. */
    public PolicyDocument withPrincipalUniqueIds(Map<String, String> uniqueIds) {
        if (uniqueIds.isEmpty()) {
            return this;
        }
        return new PolicyDocument(version, id,
                statements.stream().map(s -> s.withPrincipalUniqueIds(uniqueIds)).toList(), source);
    }

    /**
     * Characters other than JSON-insignificant whitespace, as AWS counts policy size quotas: spaces, tabs and line
     * breaks between tokens are free, those inside strings count.
     */
    public int nonWhitespaceLength() {
        int count = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                count++;
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                count++;
                inString = c == '"';
            }
        }
        return count;
    }
}
