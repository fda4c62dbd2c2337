package dev.lanyard.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1's interim answers that Helidon's API cannot send: each connection's thread registers the connection's
 * writer while it serves it, and a handler on that thread writes the interim answer before its final one.
 */
final class InterimResponses {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ThreadLocal<DataWriter> writers = new ThreadLocal<>();

    /** The calling thread serves the connection {@code writer} writes to, until {@link #release()}. */
    void serve(DataWriter writer) {
        writers.set(writer);
    }

    void release() {
        writers.remove();
    }

    /** {@code 100 Continue} on the calling thread's connection; nothing when the thread serves none. */
    void sendContinue() {
        DataWriter writer = writers.get();
        if (writer != null) {
            writer.writeNow(BufferData.create(CONTINUE));
        }
    }
}
