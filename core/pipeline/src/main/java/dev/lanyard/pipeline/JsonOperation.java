package dev.lanyard.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-protocol action (Organizations, named by {@code X-Amz-Target}): reads its input object, authorizes, acts,
 * and returns its output object. Every JSON-protocol operation Lanyard serves is {@link Signing#SIGNED}.
 */
@FunctionalInterface
public interface JsonOperation {
    ObjectNode handle(JsonCall call);
}
