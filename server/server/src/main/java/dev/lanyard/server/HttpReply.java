package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

/** What goes back on the wire. */
record HttpReply(int status, String contentType, String requestId, byte[] body) {
    HttpReply {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(body, "body is null");
    }
}
