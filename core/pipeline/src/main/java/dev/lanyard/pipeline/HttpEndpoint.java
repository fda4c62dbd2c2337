package dev.lanyard.pipeline;

/** The engine-independent side of the HTTP server: what the engine hands every API request to. */
public interface HttpEndpoint {
    HttpReply handle(HttpExchange exchange);

    /** The reply to a request whose body could not be read ({@code why}); the engine closes the connection. */
    HttpReply unreadable(HttpExchange exchange, String why);
}
