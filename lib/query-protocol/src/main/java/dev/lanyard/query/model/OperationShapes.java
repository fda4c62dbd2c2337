package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** An operation's input and output shapes; an operation without an output shape answers with no result element. */
public record OperationShapes(String name, Optional<String> input, Optional<String> output) {
    public OperationShapes {
        requireNonNull(name, "name is null");
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
    }
}
